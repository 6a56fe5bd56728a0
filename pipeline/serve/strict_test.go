package serve_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSaveRefusesAmbiguousBodies: a PUT body that encoding/json would
// read some way (the last of two keys, U+FFFD for bad text, the first of
// two objects) is refused, and nothing is written.
func TestSaveRefusesAmbiguousBodies(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	m := c.messages("es-PE", seedDoc).Messages[1]
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	orig, _ := os.ReadFile(file)
	v := m.Version
	for _, tt := range []struct {
		name, body string
		want       int
	}{
		{"trailing data", `{"text":"Hola.","version":"` + v + `"} {"text":"otra"}`, 400},
		{"trailing garbage", `{"text":"Hola.","version":"` + v + `"}x`, 400},
		{"duplicate key", `{"text":"Hola.","text":"Adiós.","version":"` + v + `"}`, 400},
		{"duplicate key in another case", `{"text":"Hola.","Text":"Adiós.","version":"` + v + `"}`, 400},
		{"invalid UTF-8", "{\"text\":\"Hola \xff.\",\"version\":\"" + v + "\"}", 400},
		{"lone high surrogate", `{"text":"Hola \ud800.","version":"` + v + `"}`, 400},
		{"lone low surrogate", `{"text":"Hola \udc00.","version":"` + v + `"}`, 400},
		{"missing version", `{"text":"Hola."}`, 400},
		{"empty version", `{"text":"Hola.","version":""}`, 400},
		{"huge body", `{"text":"` + strings.Repeat("a", 2<<20) + `","version":"` + v + `"}`, 413},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), tt.body, c.token)
			if code != tt.want {
				t.Errorf("%d %s, want %d", code, body, tt.want)
			}
			if tt.want == 413 && !bytes.Contains(body, []byte("over 1048576 bytes")) {
				t.Errorf("413 without saying why: %s", body)
			}
			if now, _ := os.ReadFile(file); !bytes.Equal(now, orig) {
				t.Error("the message file changed")
			}
		})
	}
	// A pair of surrogates and escaped backslashes are text like any.
	code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), `{"text":"Hola \ud83d\ude00 \\ud800.","version":"`+v+`"}`, c.token)
	if code != 200 {
		t.Fatalf("a surrogate pair: %d %s", code, body)
	}
	if got := c.messages("es-PE", seedDoc).Messages[1].Text; got != "Hola 😀 \\ud800." {
		t.Errorf("saved %q", got)
	}
}

// TestPostToAMessageIsNotAllowed: POST is for …/check; a message itself
// answers 405 naming the method it takes.
func TestPostToAMessageIsNotAllowed(t *testing.T) {
	_, c := start(t, seedProject(t))
	m := c.messages("es-PE", seedDoc).Messages[1]
	req, _ := http.NewRequest("POST", c.url+msgPath(seedDoc)+url.PathEscape(m.ID), strings.NewReader(`{"text":"x"}`))
	req.Header.Set("X-Quipu-Token", c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "PUT" {
		t.Errorf("%d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// TestMessageFileLinkedOutsideIsNotFound: a message file that is a link
// out of the project is a 404 for the API and the page, and no answer
// names where it leads.
func TestMessageFileLinkedOutsideIsNotFound(t *testing.T) {
	root := seedProject(t)
	elsewhere := t.TempDir()
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	data, _ := os.ReadFile(file)
	os.WriteFile(filepath.Join(elsewhere, "secret.toml"), data, 0o644)
	os.Remove(file)
	if err := os.Symlink(filepath.Join(elsewhere, "secret.toml"), file); err != nil {
		t.Skip(err)
	}
	_, c := start(t, root)
	for _, p := range []string{"/api/es-PE/" + seedDoc, "/es-PE/" + seedDoc + ".html"} {
		code, body := c.get(p)
		if code != 404 || bytes.Contains(body, []byte(elsewhere)) || bytes.Contains(body, []byte("secret")) {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
	code, body := c.do("PUT", msgPath(seedDoc)+"x", map[string]string{"text": "x", "version": "1"}, c.token)
	if code != 404 || bytes.Contains(body, []byte(elsewhere)) {
		t.Errorf("PUT: %d %s", code, body)
	}
}
