package tree

import (
	"io"
	"os"

	"github.com/quipu-l10n/quipu/pipeline/site"
)

// siteGenerated reports whether a file under content is a page a build
// placed there for a site (by its name, or by quipu's mark in its front
// matter): it is a translation, not a document.
func (p *Tree) siteGenerated(rel, file string) bool {
	if !p.Config.Site.Enabled() {
		return false
	}
	if p.Config.Site.Generated(p.Config.Content, rel) {
		return true
	}
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return site.MarkedHead(head[:n])
}
