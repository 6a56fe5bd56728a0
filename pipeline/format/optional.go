package format

import (
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
)

// The interfaces below are optional: a format implements those whose
// question it can answer, and the build asks the format, never its name.

// Meta is what a document says about publishing it.
type Meta struct {
	// Date is when the document was last updated; zero when it does not
	// say.
	Date time.Time
	// Draft documents are not published unless asked.
	Draft bool
}

// MetaReader is a format whose documents say how they are published (front
// matter). A format without it has documents that are never drafts and
// take their page's date from the project.
type MetaReader interface {
	// ReadMeta reads a document's publishing keys; an unreadable one is
	// an error at its position.
	ReadMeta(name string, src []byte) (Meta, error)
}

// OwnPage is a format whose documents are their own page (HTML): the page
// shows no date, since quipu's template does not render it.
type OwnPage interface {
	OwnPage() bool
}

// SourceMarker is a format built through Markdown that can mark, on a
// translated page, the blocks still showing the source text, so a screen
// reader switches voice for them.
type SourceMarker interface {
	// SourceMarks prepares a document for marking, once for all its
	// locales. The function returned marks, in root (the localized
	// Markdown's tree), the blocks whose segment source reports as showing
	// the source text, with lang (the source's language) on a page in
	// locale; it reports whether it changed root.
	SourceMarks(doc *pipeline.Document) func(root ast.Node, source func(*pipeline.Segment) bool, lang, locale string) bool
}

// IsDraft reports whether a document of format f is a draft.
func IsDraft(f Format, name string, src []byte) (bool, error) {
	m, err := ReadMeta(f, name, src)
	return m.Draft, err
}

// ReadMeta reads a document's publishing keys through its format; a
// format without them gives none.
func ReadMeta(f Format, name string, src []byte) (Meta, error) {
	if r, ok := f.(MetaReader); ok {
		return r.ReadMeta(name, src)
	}
	return Meta{}, nil
}

// IsOwnPage reports whether documents of format f are their own page.
func IsOwnPage(f Format) bool {
	o, ok := f.(OwnPage)
	return ok && o.OwnPage()
}

// Importer is a format whose files `quipu import` converts, once and for
// good, into documents of another format: plain-text articles become
// Markdown.
type Importer interface {
	// ImportsInto is the extension of the documents it converts into
	// (".md"); the format that claims it reads them.
	ImportsInto() string
	// Import converts a file into the document it becomes; a file with
	// nothing to convert is an error.
	Import(name string, src []byte) ([]byte, error)
}

// Kinded is a format that names its documents in messages, with their
// article ("a Markdown", "an HTML"); a format without it is named by
// its Name.
type Kinded interface {
	Kind() string
}

// Kind names the documents of format f in messages: "a Markdown".
func Kind(f Format) string {
	if k, ok := f.(Kinded); ok {
		return k.Kind()
	}
	return "a " + string(f.Name())
}
