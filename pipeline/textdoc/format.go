package textdoc

import (
	"fmt"

	"github.com/yuin/goldmark/ast"

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

// Kind names plain-text documents in messages.
func (Format) Kind() string { return "a plain-text" }

// ImportsInto returns .md: `quipu import` turns an article into Markdown.
func (Format) ImportsInto() string { return ".md" }

// Import converts a plain-text article into Markdown, its text as it is.
func (Format) Import(name string, src []byte) ([]byte, error) {
	doc, err := Extract(name, src)
	if err != nil {
		return nil, err
	}
	if len(doc.Segments) == 0 {
		return nil, fmt.Errorf("%s: nothing to import (no line with text)", name)
	}
	md, _ := ToMarkdown(doc, func(seg *pipeline.Segment) (string, bool) { return seg.Text, true })
	return md, nil
}

var _ format.Importer = Format{}

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

// SourceMarks marks the Markdown blocks written from source text: one
// Markdown block per block of text, in order.
func (Format) SourceMarks(doc *pipeline.Document) func(ast.Node, func(*pipeline.Segment) bool, string, string) bool {
	blocks := Blocks(doc)
	return func(root ast.Node, isSource func(*pipeline.Segment) bool, lang, locale string) bool {
		source := map[int]bool{}
		for i, seg := range blocks {
			if seg != nil && isSource(seg) {
				source[i] = true
			}
		}
		return markdown.MarkBlocks(root, len(blocks), source, lang, locale)
	}
}

var _ format.SourceMarker = Format{}
