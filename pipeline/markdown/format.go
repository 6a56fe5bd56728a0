package markdown

import (
	"sync"

	"github.com/yuin/goldmark/ast"

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

// Kind names Markdown documents in messages.
func (Format) Kind() string { return "a Markdown" }

// Extensions returns .md, .markdown and .mdx: an MDX file is Markdown
// whose JSX and import and export lines stay markup.
func (Format) Extensions() []string { return []string{".md", ".markdown", ".mdx"} }

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

// ReadMeta reads the publishing keys of a document's front matter.
func (Format) ReadMeta(name string, src []byte) (format.Meta, error) { return ReadMeta(name, src) }

// SourceMarks parses the source once; its text blocks are matched, in
// order, with the localized document's.
func (Format) SourceMarks(doc *pipeline.Document) func(ast.Node, func(*pipeline.Segment) bool, string, string) bool {
	srcRoot := sync.OnceValue(func() ast.Node { return Parse(doc.Source) })
	return func(root ast.Node, source func(*pipeline.Segment) bool, lang, locale string) bool {
		var english []*pipeline.Segment
		for _, seg := range doc.Segments {
			if source(seg) {
				english = append(english, seg)
			}
		}
		if len(english) == 0 {
			return false
		}
		return MarkSourceLang(srcRoot(), root, english, lang, locale)
	}
}

var (
	_ format.MetaReader   = Format{}
	_ format.SourceMarker = Format{}
)
