package textdoc

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
)

// Format is plain text as a document format: built, through Markdown, into
// Markdown and an HTML page.
type Format struct{}

var _ format.Format = Format{}

// Name returns pipeline.FormatText.
func (Format) Name() pipeline.Format { return pipeline.FormatText }

// Extensions returns .txt.
func (Format) Extensions() []string { return []string{".txt"} }

// Extract splits a plain-text article.
func (Format) Extract(name string, src []byte) (*pipeline.Document, error) {
	return Extract(name, src)
}

// Localize writes the article as Markdown with the translations; plain
// text has no place to declare a language.
func (Format) Localize(doc *pipeline.Document, _ string, tr pipeline.Translator) format.Localized {
	md, rejected := ToMarkdown(doc, tr)
	return format.Localized{Markdown: md, Root: markdown.Parse(md), Rejected: rejected}
}

// Outputs returns the Markdown and the page.
func (Format) Outputs() []output.Output { return []output.Output{output.Markdown, output.Page} }
