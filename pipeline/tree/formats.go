package tree

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

// NewFormats is the one place the document formats quipu reads are
// registered: a new format is one package and one line here.
func NewFormats(cfg config.Config) *format.Registry {
	var r format.Registry
	r.Register(markdown.Format{Options: markdown.Options{FrontMatterKeys: cfg.FrontMatterKeys, Syntax: cfg.Markdown.Syntax()}})
	r.Register(htmldoc.Format{SourceLang: cfg.SourceLocale})
	r.Register(textdoc.Format{})
	return &r
}

// Extract splits a document in the format its name claims.
func (p *Tree) Extract(name string, src []byte) (*pipeline.Document, error) {
	f := p.Formats.For(name)
	if f == nil {
		return nil, fmt.Errorf("%s: no document format reads %q files", name, path.Ext(name))
	}
	return f.Extract(name, src)
}

// SharedStems reports documents that would share message files and
// outputs: a.md and a.html both make locales/<locale>/a.<locale>.toml.
func (p *Tree) SharedStems(sources []Source) error {
	// Clashes are rare: only they get a list.
	first := make(map[string]int, len(sources))
	byStem := map[string][]Source{}
	var stems []string
	for i, s := range sources {
		st := strings.ToLower(Stem(s.Rel))
		j, seen := first[st]
		switch {
		case !seen:
			first[st] = i
		case byStem[st] == nil:
			stems = append(stems, st)
			byStem[st] = []Source{sources[j], s}
		default:
			byStem[st] = append(byStem[st], s)
		}
	}
	slices.SortFunc(stems, func(a, b string) int { return first[a] - first[b] })
	var errs []string
	for _, st := range stems {
		same := byStem[st]
		names := make([]string, len(same))
		for i, s := range same {
			names[i] = p.ContentPath(s)
		}
		why := "would share the message file"
		if Stem(same[0].Rel) != Stem(same[1].Rel) {
			why = "differ only in case: on a case-insensitive file system (macOS, Windows) they would share the message file"
		}
		errs = append(errs, fmt.Sprintf("%s %s %s and the outputs: rename one of them",
			strings.Join(names, " and "), why, p.MessagePath(p.Config.SourceLocale, same[0])))
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New(strings.Join(errs, "\n"))
}

// LocalizeDoc writes a document in one locale in its own format.
func (p *Tree) LocalizeDoc(doc *pipeline.Document, locale string, tr pipeline.Translator) (format.Format, format.Localized) {
	f := p.Formats.For(doc.Path)
	lang := locale
	if locale == p.Config.SourceLocale {
		lang = "" // the source's own document, byte for byte
	}
	return f, f.Localize(doc, lang, tr)
}

// OutputPaths lists the files a document is built into, in every locale.
func (p *Tree) OutputPaths(s Source, locales []string) []string {
	f := p.Formats.For(s.Rel)
	if f == nil {
		return nil
	}
	outs := f.Outputs()
	paths := make([]string, 0, len(locales)*len(outs))
	for _, l := range locales {
		for _, o := range outs {
			paths = append(paths, p.OutputPath(l, s, o.Ext()))
		}
	}
	return paths
}
