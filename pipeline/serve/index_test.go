package serve_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestIndexLinksEscapeOddNames: a document named with ? or # (or a space,
// or %) is linked from the index by its escaped path, so the link opens
// its page and its workbench rather than a query or a fragment of another.
func TestIndexLinksEscapeOddNames(t *testing.T) {
	root := seedProject(t)
	os.MkdirAll(filepath.Join(root, "content", "odd dir"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "odd dir", "q?#%é.md"), []byte("# Q\n\nA question.\n"), 0o644)
	_, c := start(t, root)
	_, body := c.get("/")
	for _, want := range []string{
		`href="/en/odd%20dir/q%3F%23%25%C3%A9.html"`,
		`href="/es-PE/odd%20dir/q%3F%23%25%C3%A9.html"`,
		`href="/edit/es-PE/odd%20dir/q%3F%23%25%C3%A9"`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("index lacks %s", want)
		}
	}
	for _, p := range []string{"/es-PE/odd%20dir/q%3F%23%25%C3%A9.html", "/edit/es-PE/odd%20dir/q%3F%23%25%C3%A9"} {
		if code, _ := c.get(p); code != 200 {
			t.Errorf("GET %s: %d", p, code)
		}
	}
}
