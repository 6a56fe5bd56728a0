package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestConfigRefusesMistakenValues protects the pages and message files
// from values that quipu.toml's types allow but that mean nothing good: a
// target locale twice (its files written twice), the source locale as a
// target (its source messages overwritten as translations), and a base URL
// that page paths cannot follow (canonical links such as
// "example.org/es-PE/a.html" or "https://x.org/?q=1#f/es-PE/a.html").
// Each is an error at its value.
func TestConfigRefusesMistakenValues(t *testing.T) {
	for _, tc := range []struct {
		name, config string
		want         string // a regular expression for the whole error; "" for none
	}{
		{"locale twice", `locales = ["es-PE", "es-PE"]`, `^quipu.toml:1:21: locale "es-PE" is listed twice in locales$`},
		{"source as a target", `locales = ["en"]`, `^quipu.toml:1:12: locale "en" is the source locale \(source_locale = "en"\)`},
		{"configured source as a target", "source_locale = \"es\"\nlocales = [\"es-PE\", \"es\"]", `^quipu.toml:2:21: locale "es" is the source locale \(source_locale = "es"\)`},
		{"base URL without scheme", `base_url = "example.org"`, `^quipu.toml:1:12: base_url = "example.org" must be an absolute http or https URL, like "https://example.org/"$`},
		{"base URL with a query and fragment", `base_url = "https://x.org/?q=1#f"`, `^quipu.toml:1:12: base_url = "https://x.org/\?q=1#f" must have no query \(\?\) or fragment \(#\)`},
		{"base URL with an empty query", `base_url = "https://x.org/?"`, `must have no query`},
		{"base URL of another scheme", `base_url = "ftp://x.org/"`, `must be an absolute http or https URL`},
		{"base URL without host", `base_url = "https:/x"`, `must be an absolute http or https URL`},
		{"base URL relative", `base_url = "/docs/"`, `must be an absolute http or https URL`},
		{"base URL with a path", `base_url = "https://example.org/docs"`, ""},
		{"base URL over http", `base_url = "http://localhost:8080/"`, ""},
		{"locales fine", `locales = ["es-PE", "es"]`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, File), []byte(tc.config+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(root)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want == "":
			case err == nil:
				t.Fatalf("accepted, want %s", tc.want)
			case !regexp.MustCompile(tc.want).MatchString(err.Error()):
				t.Fatalf("got %q, want %s", err, tc.want)
			}
		})
	}
}

// TestConfigTypeErrorsInItsOwnWords protects quipu.toml's editors from Go's
// type names ("struct field config.Config.UseFuzzy of type bool"): a
// value of the wrong type says what the key takes.
func TestConfigTypeErrorsInItsOwnWords(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{`use_fuzzy = "yes"`, `quipu.toml:1:13: use_fuzzy: want true or false, not text in quotes`},
		{`locales = "es-PE"`, `quipu.toml:1:11: locales: want a list of locale tags, like ["es-PE"], not text in quotes`},
		{"[fallback]\n\"es-PE\" = \"es\"", `quipu.toml:2:11: fallback.es-PE: want a list of locale tags, like ["es-419", "es"], not text in quotes`},
		{`locale = "es-PE"`, `quipu.toml:1:1: unknown key "locale" (did you mean "locales"?)`},
	} {
		root := t.TempDir()
		if err := os.WriteFile(filepath.Join(root, File), []byte(tc.config+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(root)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got %v, want %s", tc.config, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "struct field") {
			t.Errorf("%s: Go's words: %v", tc.config, err)
		}
	}
}
