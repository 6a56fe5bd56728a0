package align

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One.", "Two."}},
		{"¿Qué es? ¡Nada! Bien.", []string{"¿Qué es?", "¡Nada!", "Bien."}},
		{"Version 1.2 is out. See it.", []string{"Version 1.2 is out.", "See it."}},
		{"Use e.g. this. Then stop.", []string{"Use e.g. this.", "Then stop."}},
		{"Los EE. UU. tienen bases. Perú no.", []string{"Los EE. UU. tienen bases.", "Perú no."}},
		{"Run <1>ls. Then</1> stop. Done.", []string{"Run <1>ls. Then</1> stop.", "Done."}},
		{"He said \"no.\" Then left.", []string{"He said \"no.\"", "Then left."}},
		{"First. <1>Second</1> one.", []string{"First.", "<1>Second</1> one."}},
		{"1.5.6. Shell glob. More.", []string{"1.5.6. Shell glob.", "More."}},
		{"no end", []string{"no end"}},
		{"", []string{""}},
	} {
		if got := Sentences(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzSentences: splitting loses no text and keeps every sentence's tags
// paired.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"One. Two.", "Run <1>ls. Then</1> stop. Done.", "1.5.6. Shell glob. More.", "¿Qué? ¡Sí! <2/> Fin.", "a.b. C"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		got := Sentences(msg)
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(strings.Join(got, " ")) != squash(msg) {
			t.Fatalf("Sentences(%q) = %q: text lost", msg, got)
		}
	})
}
