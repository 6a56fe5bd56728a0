// Package localized resolves every segment of a document in one locale,
// from the message files along the locale's fallback chain, and assembles
// the localized document from the answers, the one count build, status,
// check, export and the exchange formats agree on.
package localized

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Doc is a document in one locale: each segment's resolution (Res[i]
// is doc.Segments[i]'s) and the document assembled from them.
type Doc struct {
	Res       []resolve.Resolution
	Format    format.Format             // the document's format
	Localized format.Localized          // the document written in the locale
	index     map[*pipeline.Segment]int // a segment's place in Res
}

// Of returns a segment's resolution.
func (rd *Doc) Of(seg *pipeline.Segment) *resolve.Resolution { return &rd.Res[rd.index[seg]] }

// chain returns the layers of a target locale's fallback chain for one
// document, from its message files read into files (by locale; a locale
// missing there has no file).
func chain(p *tree.Tree, locale string, s tree.Source, files map[string]*catalog.File) []resolve.Layer {
	var layers []resolve.Layer
	for _, cl := range p.Config.Chain(locale) {
		l := resolve.Layer{Locale: cl, File: p.MessagePath(cl, s)}
		if f := files[cl]; f != nil {
			l.Messages = f.Index()
		}
		layers = append(layers, l)
	}
	return layers
}

// EveryDraft resolves as if every draft were published: an export or a
// check speaks of each message's own translation, not of what replaces it.
var EveryDraft = resolve.Options{UseFuzzy: true, UseMachine: true}

// Resolve resolves every segment of a document in a locale and
// assembles the document from them. A translation the assembly refuses
// (tags moved where their markup would add syntax) is rejected there, and
// its resolution says so.
func Resolve(p *tree.Tree, doc *pipeline.Document, s tree.Source, locale string, files map[string]*catalog.File, opt resolve.Options) Doc {
	res := make([]resolve.Resolution, len(doc.Segments))
	switch locale {
	case p.Config.SourceLocale:
		for i, seg := range doc.Segments {
			res[i] = resolve.Resolution{Verdict: resolve.Translated, Text: seg.Text}
		}
	case pseudo.Locale:
		for i, seg := range doc.Segments {
			res[i] = resolve.Resolution{Verdict: resolve.Translated, Text: pseudo.Segment(seg)}
		}
	default:
		layers := chain(p, locale, s, files)
		byID := map[string]int{}
		for i, seg := range doc.Segments {
			if j, ok := byID[seg.ID]; ok {
				res[i] = res[j] // one message, one answer
				continue
			}
			byID[seg.ID] = i
			res[i] = resolve.Resolve(seg, layers, opt)
		}
	}
	index := make(map[*pipeline.Segment]int, len(doc.Segments))
	for i, seg := range doc.Segments {
		index[seg] = i
	}
	source := locale == p.Config.SourceLocale || locale == pseudo.Locale
	f, a := p.LocalizeDoc(doc, locale, func(seg *pipeline.Segment) (string, bool) {
		r := &res[index[seg]]
		return r.Text, source || !r.Source()
	})
	for _, rj := range a.Rejected {
		var errs []pipeline.Problem
		for _, pr := range rj.Problems {
			if pr.Severity == pipeline.SeverityError {
				errs = append(errs, pr)
			}
		}
		if i, ok := index[rj.Segment]; ok && len(errs) > 0 {
			res[i] = resolve.Reject(res[i], rj.Segment, errs)
		}
	}
	return Doc{Res: res, Format: f, Localized: a, index: index}
}

// ReadChain reads a document's message files along the fallback chains of
// locales into files (by locale), each once.
func ReadChain(p *tree.Tree, s tree.Source, locales []string, files map[string]*catalog.File) error {
	var errs pipeline.ErrorList
	for _, l := range locales {
		if l == p.Config.SourceLocale || l == pseudo.Locale {
			continue
		}
		for _, cl := range p.Config.Chain(l) {
			if _, done := files[cl]; done {
				continue
			}
			f, err := p.ReadMessages(p.MessagePath(cl, s))
			if err != nil {
				errs.Add(err)
			}
			files[cl] = f
		}
	}
	return errs.Err()
}

// Messages counts a document's distinct segments: one message each, as
// translators see them and as every count is made.
func Messages(doc *pipeline.Document) int {
	seen := make(map[string]bool, len(doc.Segments))
	for _, seg := range doc.Segments {
		seen[seg.ID] = true
	}
	return len(seen)
}

// LosesMarkup lists the translations published whose tags are moved where
// their markup cannot work (markdown.LosesMarkup), for build's warnings
// and check's findings alike. Only a document whose assembly said some
// markup changed is looked at: rare, so only then.
func (rd *Doc) LosesMarkup(doc *pipeline.Document) []markdown.Lost {
	if !rd.Localized.Changed {
		return nil
	}
	return markdown.LosesMarkup(doc, func(seg *pipeline.Segment) (string, bool) {
		r := rd.Of(seg)
		return r.Text, !r.Source()
	})
}
