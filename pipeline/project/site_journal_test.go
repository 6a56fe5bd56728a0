package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/config"
)

// TestKilledBuildsPlacedPagesAreRecovered: a build killed while writing
// a page it places in the site leaves it listed in the build's journal;
// the next build removes it as it removes a half-written page in output,
// then places it whole. A journal that lists a document under content,
// which no build places, is refused and removes nothing.
func TestKilledBuildsPlacedPagesAreRecovered(t *testing.T) {
	setup := func(t *testing.T, listed string) (string, error) {
		root := t.TempDir()
		files := map[string]string{
			config.File:             "source_locale = \"en\"\nlocales = [\"es-PE\"]\ncontent = \"content\"\nlocales_dir = \"locales\"\noutput = \"output\"\n\n[site]\ngenerator = \"hugo\"\n\n[site.languages]\n\"es-PE\" = \"es-pe\"\n",
			"content/a.md":          "---\ntitle: A\n---\n\nText.\n",
			"content/a.es-pe.md":    "---\nquipu_generated: true\ntitle: A, cut sh",
			config.CacheDir + "/.k": "",
		}
		for rel, data := range files {
			name := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		journal := append(append([]byte{'+'}, filepath.Join(root, filepath.FromSlash(listed))...), 0)
		if err := os.WriteFile(filepath.Join(root, config.CacheDir, "build.journal"), journal, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Build(BuildOptions{})
		return root, err
	}
	t.Run("placed page", func(t *testing.T) {
		root, err := setup(t, "content/a.es-pe.md")
		if err != nil {
			t.Fatalf("build after a killed one: %v", err)
		}
		data, err := os.ReadFile(filepath.Join(root, "content", "a.es-pe.md"))
		if err != nil || !strings.Contains(string(data), "quipu_generated: true") || !strings.Contains(string(data), "Text.") {
			t.Errorf("the placed page is not whole: %q, %v", data, err)
		}
	})
	t.Run("document", func(t *testing.T) {
		root, err := setup(t, "content/a.md")
		if err == nil || !strings.Contains(err.Error(), "build.journal") {
			t.Fatalf("a journal listing a document was not refused: %v", err)
		}
		if _, err := os.Stat(filepath.Join(root, "content", "a.md")); err != nil {
			t.Errorf("the document went: %v", err)
		}
	})
}
