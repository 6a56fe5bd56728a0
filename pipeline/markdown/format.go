package markdown

import (
	"bytes"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/output"
)

// Format is Markdown as a document format: built into localized Markdown
// and an HTML page.
type Format struct {
	Options Options
}

var _ format.Format = Format{}

// Name returns pipeline.FormatMarkdown.
func (Format) Name() pipeline.Format { return pipeline.FormatMarkdown }

// Extensions returns .md and .markdown.
func (Format) Extensions() []string { return []string{".md", ".markdown"} }

// Extract splits a Markdown document with the format's options.
func (f Format) Extract(name string, src []byte) (*pipeline.Document, error) {
	return ExtractWith(name, src, f.Options)
}

// Localize writes the translations into the document and declares locale
// in its front matter, if it has one with a language key.
func (Format) Localize(doc *pipeline.Document, locale string, tr pipeline.Translator) format.Localized {
	var l format.Localized
	// Markdown the same as the source needs no checks, and its tree only
	// if no other locale's page can lend it its article.
	if md, rejected := Assemble(doc, tr, false); bytes.Equal(md, doc.Source) {
		l.Markdown, l.Rejected = md, rejected
	} else {
		l.Markdown, l.Root, l.Rejected, l.Changed = Localize(doc, tr)
	}
	if locale != "" {
		if md := SetLang(l.Markdown, locale); !bytes.Equal(md, l.Markdown) {
			l.Markdown, l.Root = md, Parse(md)
		}
	}
	return l
}

// Outputs returns the Markdown and the page.
func (Format) Outputs() []output.Output { return []output.Output{output.Markdown, output.Page} }
