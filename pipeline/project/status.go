package project

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// Status counts the state of one document's translation in one locale,
// as a build publishes it (see resolve.Resolve): Translated includes
// reviewed ones and those taken from a fallback locale; Total =
// Translated + Stale + Machine + Aligned + Missing + Rejected.
type Status struct {
	Doc        string  `json:"doc"`
	Locale     string  `json:"locale"`
	Total      int     `json:"total"`
	Translated int     `json:"translated"`
	Reviewed   int     `json:"reviewed"`
	Stale      int     `json:"stale"`
	Machine    int     `json:"machine"`
	Aligned    int     `json:"aligned"`
	Missing    int     `json:"missing"`
	Rejected   int     `json:"rejected"`
	Words      int     `json:"words"`
	WordsDone  int     `json:"words_translated"`
	Coverage   float64 `json:"coverage"`
	// Draft is a document its front matter marks draft: not built or
	// exported without --drafts.
	Draft bool `json:"draft,omitempty"`

	counts resolve.Counts // what the fields show, summed by Add
}

// Add sums another status into s (for totals).
func (s *Status) Add(o Status) {
	c := s.counts
	c.Add(o.counts)
	draft := s.Draft
	*s = statusOf(s.Doc, s.Locale, c)
	s.Draft = draft
}

func statusOf(doc, locale string, c resolve.Counts) Status {
	return Status{
		Doc: doc, Locale: locale,
		Total: c.Total, Translated: c.Translated, Reviewed: c.Reviewed,
		Stale: c.Fuzzy, Machine: c.Machine, Aligned: c.Aligned, Missing: c.Missing, Rejected: c.Rejected,
		Words: c.Words, WordsDone: c.WordsTranslated,
		Coverage: bundle.Percent(c.Translated, c.Total),
		counts:   c,
	}
}

// Status reports, per document and target locale, how far translation has
// got. Messages are counted per unique segment, as translators see them,
// and decided as the build decides: along the fallback chain, a fuzzy
// translation or one with tag errors not counting.
func (p *Project) Status(locales []string) ([]Status, error) {
	locales, err := p.Config.SelectLocales(locales, true)
	if err != nil {
		return nil, err
	}
	var out []Status
	// A front matter build would refuse (a draft flag that is not true or
	// false, a date that is not one) is status's error too: whether the
	// document is a draft, in the totals or not, is then unknown.
	var bad pipeline.ErrorList
	seen := map[string]bool{}
	err = p.eachDocument(locales, func(doc *pipeline.Document, s Source, locale string, files map[string]*catalog.File) {
		rd := localized.Resolve(p.Tree, doc, s, locale, files, p.publish(false, false))
		st := statusOf(doc.Path, locale, resolve.Count(doc.Segments, rd.Res))
		meta, err := p.meta(doc)
		if err != nil && !seen[doc.Path] {
			seen[doc.Path] = true
			bad.Add(err)
		}
		st.Draft = meta.Draft
		out = append(out, st)
	})
	if err == nil {
		err = bad.Err()
	}
	return out, err
}
