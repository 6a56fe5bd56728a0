package htmldoc

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/output"
)

// Format is HTML as a document format: a page built into itself, localized.
type Format struct {
	// SourceLang marks the text a localized page keeps in the source
	// language (see Options).
	SourceLang string
}

var _ format.Format = Format{}

// Name returns pipeline.FormatHTML.
func (Format) Name() pipeline.Format { return pipeline.FormatHTML }

// Kind names HTML documents in messages.
func (Format) Kind() string { return "an HTML" }

// Extensions returns .html and .htm.
func (Format) Extensions() []string { return []string{".html", ".htm"} }

// Extract splits an HTML document.
func (Format) Extract(name string, src []byte) (*pipeline.Document, error) {
	return Extract(name, src)
}

// Localize writes the translations into the page and declares locale;
// in a target locale, text left in the source language is marked.
func (f Format) Localize(doc *pipeline.Document, locale string, tr pipeline.Translator) format.Localized {
	var opt Options
	if locale != "" {
		opt.SourceLang = f.SourceLang
	}
	html, rejected := LocalizeWith(doc, locale, tr, opt)
	if html == nil {
		html = []byte{} // an empty page is still the page itself
	}
	return format.Localized{HTML: html, Rejected: rejected}
}

// Outputs returns the page alone: the document is one.
func (Format) Outputs() []output.Output { return []output.Output{output.Page} }

// OwnPage reports true: an HTML document is the page.
func (Format) OwnPage() bool { return true }

var _ format.OwnPage = Format{}
