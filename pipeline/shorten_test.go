package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShortenKeepsNotesValidUTF8(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short", "https://example.pe/", "https://example.pe/"},
		{"cut at ASCII", strings.Repeat("a", 70), strings.Repeat("a", 57) + "..."},
		// "ñ" is two bytes; byte 57 falls inside it, so the cut moves back.
		{"cut inside a rune", strings.Repeat("a", 56) + "ñandú" + strings.Repeat("b", 10), strings.Repeat("a", 56) + "..."},
		{"invalid bytes", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shorten(tt.in, 60)
			if got != tt.want {
				t.Errorf("Shorten(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) || len(got) > 60 {
				t.Errorf("Shorten(%q) = %q: invalid UTF-8 or longer than 60 bytes", tt.in, got)
			}
		})
	}
}
