package tree_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// project writes files (slash-separated paths) into a new folder and opens
// it.
func project(t *testing.T, files ...string) *tree.Tree {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		name := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte("# "+f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSourcesAreDocumentsOnly protects every command's list of documents:
// files no format claims are assets, hidden folders are skipped, and the
// list is sorted; each document's message file and outputs follow its
// path.
func TestSourcesAreDocumentsOnly(t *testing.T) {
	p := project(t, "content/b.md", "content/a.png", "content/.drafts/c.md", "content/sub/d.txt", "content/e.html")
	sources, err := p.Sources()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sources {
		got = append(got, s.Rel)
	}
	if want := []string{"b.md", "e.html", "sub/d.txt"}; !slices.Equal(got, want) {
		t.Errorf("Sources = %q, want %q", got, want)
	}
	d := tree.Source{Rel: "sub/d.txt"}
	if m := p.MessagePath("es-PE", d); m != "locales/es-PE/sub/d.es-PE.toml" {
		t.Errorf("MessagePath = %s", m)
	}
	if o := p.OutputPaths(d, []string{"es-PE"}); !slices.Equal(o, []string{"output/es-PE/sub/d.md", "output/es-PE/sub/d.html"}) {
		t.Errorf("OutputPaths = %q", o)
	}
}

// TestSourcesRefuseSharedStems protects message files from two documents
// that would share them: a.md and a.html, or names that differ only in
// case.
func TestSourcesRefuseSharedStems(t *testing.T) {
	for _, files := range [][]string{{"content/a.md", "content/a.html"}, {"content/A.md", "content/a.txt"}} {
		_, err := project(t, files...).Sources()
		if err == nil || !strings.Contains(err.Error(), "rename one of them") {
			t.Errorf("%q: %v", files, err)
		}
	}
}
