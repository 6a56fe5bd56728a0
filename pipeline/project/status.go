package project

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Status counts the state of one document's translation in one locale.
// Translated includes reviewed; a fuzzy (stale) translation is counted
// apart, as is a missing one: Total = Translated + Stale + Missing.
type Status struct {
	Doc        string  `json:"doc"`
	Locale     string  `json:"locale"`
	Total      int     `json:"total"`
	Translated int     `json:"translated"`
	Reviewed   int     `json:"reviewed"`
	Stale      int     `json:"stale"`
	Missing    int     `json:"missing"`
	Words      int     `json:"words"`
	WordsDone  int     `json:"words_translated"`
	Coverage   float64 `json:"coverage"`
}

// Add sums another status into s (for totals).
func (s *Status) Add(o Status) {
	s.Total += o.Total
	s.Translated += o.Translated
	s.Reviewed += o.Reviewed
	s.Stale += o.Stale
	s.Missing += o.Missing
	s.Words += o.Words
	s.WordsDone += o.WordsDone
	s.Coverage = coverage(s.Translated, s.Total)
}

func coverage(done, total int) float64 {
	if total == 0 {
		return 100
	}
	return float64(int(float64(done)*1000/float64(total))) / 10
}

// Status reports, per document and target locale, how far translation has
// got. Messages are counted per unique segment, as translators see them.
func (p *Project) Status(locales []string) ([]Status, error) {
	locales, err := p.Config.SelectLocales(locales, true)
	if err != nil {
		return nil, err
	}
	var out []Status
	err = p.eachMessageFile(locales, func(doc *pipeline.Document, locale, _ string, f *catalog.File) {
		var idx map[string]*catalog.Message
		if f != nil {
			idx = f.Index()
		}
		st := Status{Doc: doc.Path, Locale: locale}
		seen := map[string]bool{}
		for _, seg := range doc.Segments {
			if seen[seg.ID] {
				continue
			}
			seen[seg.ID] = true
			words := len(strings.Fields(placeholder.Strip(seg.Text)))
			st.Total++
			st.Words += words
			m := idx[seg.ID]
			switch {
			case m == nil || !m.Translated():
				st.Missing++
			case m.State == catalog.Stale:
				st.Stale++
			default:
				st.Translated++
				st.WordsDone += words
				if m.State == catalog.Reviewed {
					st.Reviewed++
				}
			}
		}
		st.Coverage = coverage(st.Translated, st.Total)
		out = append(out, st)
	})
	return out, err
}
