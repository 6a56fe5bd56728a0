// Package format is the interface every document format implements and
// the registry that chooses one by file name.
package format

import (
	"fmt"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/output"
)

// Format reads documents of one syntax and writes them localized.
type Format interface {
	// Name is what documents of this format record as their Format.
	Name() pipeline.Format
	// Extensions are the file extensions it claims, lower case with the
	// dot (".md").
	Extensions() []string
	// Extract splits a document into segments.
	Extract(name string, src []byte) (*pipeline.Document, error)
	// Localize writes the document with tr's translations. locale is the
	// language to declare in the document, "" for the source locale: the
	// source text everywhere must then give back the source byte for byte.
	Localize(doc *pipeline.Document, locale string, tr pipeline.Translator) Localized
	// Outputs are the files a document of this format is built into.
	Outputs() []output.Output
}

// Localized is a document written in one locale.
type Localized struct {
	// Markdown is the document as Markdown, for formats built through
	// Markdown; Root is it parsed, or nil when nobody parsed it yet.
	Markdown []byte
	Root     ast.Node
	// HTML is the document itself, for formats that are HTML already.
	HTML []byte
	// Rejected are translations that could not be used.
	Rejected []pipeline.Rejected
	// Changed reports that a translation's tags could not keep their
	// markup: some of it shows as text.
	Changed bool
}

// Registry chooses a document's format by its file name.
type Registry struct {
	byExt   map[string]Format
	formats []Format
}

// Register adds a format; an extension two formats claim is a mistake of
// the program, not of its input, so it panics.
func (r *Registry) Register(f Format) {
	if r.byExt == nil {
		r.byExt = map[string]Format{}
	}
	for _, ext := range f.Extensions() {
		if old, ok := r.byExt[ext]; ok {
			panic(fmt.Sprintf("format: %s and %s both claim %s", old.Name(), f.Name(), ext))
		}
		r.byExt[ext] = f
	}
	r.formats = append(r.formats, f)
}

// For returns the format of a file, or nil when no format claims it: the
// file is then no document (an image, a stylesheet), never read as one.
func (r *Registry) For(name string) Format {
	return r.byExt[lowerExt(name)]
}

// ImporterFor returns how `quipu import` converts a file: through the
// format that claims it, when that format is an Importer, or, for a file
// no format claims, through the first Importer registered. claimed is the
// format that claims the file, nil for none: a document of a format that
// imports nothing is a document already, and is not imported.
func (r *Registry) ImporterFor(name string) (imp Importer, claimed Format) {
	if f := r.For(name); f != nil {
		imp, _ := f.(Importer)
		return imp, f
	}
	for _, f := range r.formats {
		if imp, ok := f.(Importer); ok {
			return imp, nil
		}
	}
	return nil, nil
}

// Formats lists the registered formats in the order they were registered.
func (r *Registry) Formats() []Format { return r.formats }

// lowerExt is a file name's extension in lower case; names are mostly
// lower case already, so it allocates only when it must.
func lowerExt(name string) string {
	ext := path.Ext(name)
	for i := 0; i < len(ext); i++ {
		if c := ext[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(ext)
		}
	}
	return ext
}
