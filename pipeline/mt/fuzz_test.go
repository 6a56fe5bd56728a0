package mt_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/mt"
)

// FuzzProtectRestore: whatever a message holds, an engine that returns
// its protected form unchanged gives back the message's own bytes.
func FuzzProtectRestore(f *testing.F) {
	for _, s := range []string{"Read the <1>guide</1> & run <2/>.", "a < b &amp; <x1>", "<0001>x</0001>", "&#60;1&#62;", "line\nbreak"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := mt.Restore(mt.Protect(s)); got != s {
			t.Errorf("Restore(Protect(%q)) = %q", s, got)
		}
	})
}

// FuzzLineProtocol: every segment is one line of the protocol, read back
// as it was.
func FuzzLineProtocol(f *testing.F) {
	for _, s := range []string{"a\nb", `\n`, "\r\n\\", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line := mt.EscapeLine(s)
		for i := 0; i < len(line); i++ {
			if line[i] == '\n' || line[i] == '\r' {
				t.Fatalf("EscapeLine(%q) = %q: not one line", s, line)
			}
		}
		if got := mt.UnescapeLine(line); got != s {
			t.Errorf("UnescapeLine(EscapeLine(%q)) = %q", s, got)
		}
	})
}
