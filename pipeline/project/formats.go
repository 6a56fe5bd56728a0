package project

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

// formats maps file extensions to the document formats quipu reads.
var formats = map[string]pipeline.Format{
	".md":       pipeline.FormatMarkdown,
	".markdown": pipeline.FormatMarkdown,
	".html":     pipeline.FormatHTML,
	".htm":      pipeline.FormatHTML,
	".txt":      pipeline.FormatText,
}

func formatOf(rel string) pipeline.Format { return formats[strings.ToLower(path.Ext(rel))] }

// extract splits a document in the format its extension names.
func (p *Project) extract(name string, src []byte) (*pipeline.Document, error) {
	switch formatOf(name) {
	case pipeline.FormatHTML:
		return htmldoc.Extract(name, src)
	case pipeline.FormatText:
		return textdoc.Extract(name, src)
	}
	return markdown.ExtractWith(name, src, markdown.Options{FrontMatterKeys: p.Config.FrontMatterKeys})
}

// sharedStems reports documents that would share message files and
// outputs: a.md and a.html both make locales/<locale>/a.<locale>.toml.
func (p *Project) sharedStems(sources []Source) error {
	// Clashes are rare: only they get a list.
	first := make(map[string]int, len(sources))
	byStem := map[string][]Source{}
	var stems []string
	for i, s := range sources {
		st := strings.ToLower(stem(s.Rel))
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
		if stem(same[0].Rel) != stem(same[1].Rel) {
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

// assembled is a document built in one locale.
type assembled struct {
	md       []byte   // Markdown, from which the page is made
	root     ast.Node // md parsed, or nil: not parsed yet
	html     []byte   // an HTML document: the page itself
	rejected []pipeline.Rejected
	changed  bool // a translation's tags could not keep their markup
}

// assemble builds a document in one locale in its own format.
func (p *Project) assemble(doc *pipeline.Document, locale string, tr pipeline.Translator) assembled {
	source := locale == p.Config.SourceLocale
	var a assembled
	switch doc.Format {
	case pipeline.FormatHTML:
		lang := locale
		if source {
			lang = "" // the source's own page, byte for byte
		}
		var opt htmldoc.Options
		if !source {
			opt.SourceLang = p.Config.SourceLocale // text left in it is marked
		}
		a.html, a.rejected = htmldoc.LocalizeWith(doc, lang, tr, opt)
	case pipeline.FormatText:
		a.md, a.rejected = textdoc.ToMarkdown(doc, tr)
		a.root = markdown.Parse(a.md)
	default:
		// Markdown the same as the source needs no checks, and its tree
		// only if no other locale's page can lend it its article.
		if md, rejected := markdown.Assemble(doc, tr, false); bytes.Equal(md, doc.Source) {
			a.md, a.rejected = md, rejected
		} else {
			a.md, a.root, a.rejected, a.changed = markdown.Localize(doc, tr)
		}
		if !source {
			if md := markdown.SetLang(a.md, locale); !bytes.Equal(md, a.md) {
				a.md, a.root = md, markdown.Parse(md)
			}
		}
	}
	return a
}
