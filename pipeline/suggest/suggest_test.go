package suggest

import "testing"

// TestNearestSuggestsCloseWordsOnly protects "did you mean" hints: a
// typo finds its word, a word unlike any finds nothing.
func TestNearestSuggestsCloseWordsOnly(t *testing.T) {
	commands := []string{"sync", "build", "status", "check", "tm", "xliff", "po", "import", "export", "verify", "version"}
	for _, tc := range []struct {
		s    string
		in   []string
		want string
	}{
		{"biuld", commands, "build"},
		{"stauts", commands, "status"},
		{"exprot", commands, "export"},
		{"zzzzzz", commands, ""},
		{"stirct", []string{"strict", "force", "locale"}, "strict"},
		{"es-pe", []string{"en", "es-PE", "qps"}, "es-PE"},
		{"es_PE", []string{"en", "es-PE", "qps"}, "es-PE"},
		{"fr", []string{"en", "es-PE", "qps"}, ""},
		{"v", []string{"C", "root", "version"}, ""},
		{"EN", []string{"en", "es-PE"}, "en"},
	} {
		if got := Nearest(tc.s, tc.in); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
