package resolve

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Counts sums verdicts per message: a segment repeated in a document is
// one message, counted once, as translators see it. Total = Translated +
// Fuzzy + Machine + Aligned + Missing + Rejected.
type Counts struct {
	Total, Translated, Reviewed, Fuzzy, Machine, Aligned, Missing, Rejected int
	// Words are the source's words; WordsTranslated those of translated
	// messages.
	Words, WordsTranslated int
}

// Count sums the resolutions of a document's segments, res[i] being
// segs[i]'s.
func Count(segs []*pipeline.Segment, res []Resolution) Counts {
	var c Counts
	seen := make(map[string]bool, len(segs))
	for i, seg := range segs {
		if seen[seg.ID] {
			continue
		}
		seen[seg.ID] = true
		c.add(seg, &res[i])
	}
	return c
}

func (c *Counts) add(seg *pipeline.Segment, r *Resolution) {
	words := len(strings.Fields(placeholder.Strip(seg.Text)))
	c.Total++
	c.Words += words
	switch r.Verdict {
	case Translated:
		c.Translated++
		c.WordsTranslated += words
		if m := r.From.Message; m != nil && m.State == catalog.Reviewed {
			c.Reviewed++
		}
	case Fuzzy:
		c.Fuzzy++
	case Machine:
		c.Machine++
	case Aligned:
		c.Aligned++
	case Missing:
		c.Missing++
	case Rejected:
		c.Rejected++
	}
}

// Add sums o into c.
func (c *Counts) Add(o Counts) {
	c.Total += o.Total
	c.Translated += o.Translated
	c.Reviewed += o.Reviewed
	c.Fuzzy += o.Fuzzy
	c.Machine += o.Machine
	c.Aligned += o.Aligned
	c.Missing += o.Missing
	c.Rejected += o.Rejected
	c.Words += o.Words
	c.WordsTranslated += o.WordsTranslated
}

// Untranslated counts the messages that do not count as translated.
func (c Counts) Untranslated() int { return c.Total - c.Translated }
