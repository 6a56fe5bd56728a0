package tomlerr

import (
	"bytes"
	"testing"
)

// TestSyntaxPointsAtTheStrayQuote protects translators from parser jargon:
// an unescaped quote in a value is named, at its position.
func TestSyntaxPointsAtTheStrayQuote(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		at         string // the error's offset: the parser's
		wantMsg    string
		wantAt     int // -1: unchanged
	}{
		{"quote inside", `other = "Él dijo "hola" ahí"` + "\n", "hola", `missing \ before " (write \" inside a value)`, bytes.IndexByte([]byte(`other = "Él dijo "`), '"') + len(`"Él dijo `)},
		{"space after the stray quote", `other = "dijo " hola"` + "\n", "hola", `missing \ before " (write \" inside a value)`, len(`other = "dijo `)},
		{"no closing quote after", `other = "x" y` + "\n", "y", "expected newline", -1},
		{"comment with a quote", `other = "x" # "y"` + "\n", "#", "expected newline", -1},
	} {
		off := bytes.Index([]byte(tc.data), []byte(tc.at))
		msg, at := Syntax([]byte(tc.data), off, "expected newline")
		if tc.wantAt == -1 {
			tc.wantAt = off
		}
		if msg != tc.wantMsg || at != tc.wantAt {
			t.Errorf("%s: got %q at %d, want %q at %d", tc.name, msg, at, tc.wantMsg, tc.wantAt)
		}
	}
}

// TestTypeSaysWhatIsWanted protects configuration errors from Go type
// names: the key, what it takes, and what was found.
func TestTypeSaysWhatIsWanted(t *testing.T) {
	got := Type("locales", `a list of locale tags, like ["es-PE"]`, "cannot decode TOML string into struct field project.Config.Locales of type []string")
	want := `locales: want a list of locale tags, like ["es-PE"], not text in quotes`
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Offset([]byte("a\nbc\nd"), 2, 2); got != 3 {
		t.Errorf("Offset = %d, want 3", got)
	}
}
