// Package project runs quipu's commands over a project folder (sync, build,
// status, check, export, import): it orchestrates the packages that do
// each stage.
package project

import (
	"sync"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/page"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Project is a folder with content/, locales/ and output/.
type Project struct {
	*tree.Tree // the project's folders and documents

	// staged holds the assets a build staged so far (see copyAssets).
	staged *sync.Map
	// builtMD holds the Markdown pages a build made, by output path, for
	// siteout.Stage to place before they are committed.
	builtMD *sync.Map

	tmplOnce sync.Once
	tmpl     *page.Template
	tmplErr  error

	foreignOnce sync.Once
	foreignList []string
}

// Open reads the project's configuration.
func Open(root string) (*Project, error) {
	t, err := tree.Open(root)
	if err != nil {
		return nil, err
	}
	return &Project{Tree: t}, nil
}

// Source is a document file under the content folder.
type Source = tree.Source

// eachDocument calls fn for every document and locale with the
// document's message files along the locale's fallback chain (by locale;
// nil or absent when it has none yet), in document order; unreadable
// documents and files are reported together.
func (p *Project) eachDocument(locales []string, fn func(doc *pipeline.Document, s Source, locale string, files map[string]*catalog.File)) error {
	sources, err := p.Sources()
	if err != nil {
		return err
	}
	return p.LoadEach(sources, func(s Source, doc *pipeline.Document, errs *pipeline.ErrorList) {
		files := map[string]*catalog.File{}
		if err := localized.ReadChain(p.Tree, s, locales, files); err != nil {
			errs.Add(err)
			return
		}
		for _, locale := range locales {
			fn(doc, s, locale, files)
		}
	})
}
