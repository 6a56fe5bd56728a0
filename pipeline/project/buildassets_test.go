package project

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestMayBeAssetKeepsFiles: the quick filter build runs on every URL of
// every page never drops one that names a file.
func TestMayBeAssetKeepsFiles(t *testing.T) {
	p := &Project{Tree: &tree.Tree{Formats: tree.NewFormats(config.Config{})}}
	for ref, want := range map[string]bool{
		"img/a.png":                 true,
		" ../img/a.png ":            true,
		"files/prices.pdf?v=2":      true,
		"a%20b.jpg":                 true,
		"other.md":                  false,
		"../es-PE/page.html#x":      false,
		"#section":                  false,
		"/img/a.png":                false,
		"https://example.org/a.png": false,
		"mailto:ana@example.pe":     false,
		"data:image/png;base64,AAA": false,
		"":                          false,
	} {
		if got := p.mayBeAsset([]byte(ref)); got != want {
			t.Errorf("mayBeAsset(%q) = %v, want %v", ref, got, want)
		}
	}
}
