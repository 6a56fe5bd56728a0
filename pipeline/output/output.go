// Package output names the files quipu builds a document into: each kind
// of output is a value of one interface, and a document gets the outputs
// its format supports.
package output

import "github.com/quipu-l10n/quipu/pipeline/bundle"

// Output is one kind of file built from every document that supports it,
// in every locale.
type Output interface {
	// Name identifies the output, e.g. "page".
	Name() string
	// Ext is the extension of its files, after the document's path
	// without its own: output/<locale>/<doc><Ext>.
	Ext() string
	// Kind is what the bundle's manifest calls its files.
	Kind() string
	// Render makes the file of one document in one locale.
	Render(in Input) ([]byte, error)
}

// Input is a document built in one locale, as the outputs need it.
type Input struct {
	// Markdown is the localized document as Markdown, for formats built
	// through Markdown (Markdown and plain text); nil for the others.
	Markdown []byte
	// HTML is the localized document for formats that are HTML already;
	// nil for the others.
	HTML []byte
	// Page renders the HTML page of a document built through Markdown;
	// nil for a document that is its own page (HTML).
	Page func() ([]byte, error)
}

// Markdown is the localized Markdown of a document.
var Markdown Output = markdownOutput{}

// Page is the HTML page of a document: the localized document itself when
// it is HTML, else its Markdown rendered into the page template.
var Page Output = pageOutput{}

type markdownOutput struct{}

func (markdownOutput) Name() string { return "markdown" }
func (markdownOutput) Ext() string  { return ".md" }
func (markdownOutput) Kind() string { return bundle.KindMarkdown }
func (markdownOutput) Render(in Input) ([]byte, error) {
	return in.Markdown, nil
}

type pageOutput struct{}

func (pageOutput) Name() string { return "page" }
func (pageOutput) Ext() string  { return ".html" }
func (pageOutput) Kind() string { return bundle.KindPage }
func (pageOutput) Render(in Input) ([]byte, error) {
	if in.Page == nil {
		return in.HTML, nil
	}
	return in.Page()
}
