// Package tm is quipu's translation memory: every translation already made
// in a project, looked up by exact source text or by similarity, and
// exported as TMX for other tools.
package tm

import (
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Entry is one translation unit.
type Entry struct {
	Source, Target string
	Doc, ID        string
	Reviewed       bool
	// Placeholders of the source segment, for TMX inline codes.
	Placeholders []pipeline.Placeholder
}

// Memory holds entries indexed for exact and fuzzy lookup.
type Memory struct {
	Entries []Entry
	exact   map[string]int
	words   map[string][]int // word → entries containing it
	counts  []int            // words per entry
}

// New returns an empty memory.
func New() *Memory {
	return &Memory{exact: map[string]int{}, words: map[string][]int{}}
}

// Add records a translation. For the same source text, a reviewed
// translation wins over an unreviewed one, then the one of the first
// document and ID in sort order, so lookups do not depend on the order
// files are read in.
func (m *Memory) Add(e Entry) {
	if e.Target == "" || e.Source == "" {
		return
	}
	if i, ok := m.exact[e.Source]; ok {
		old := m.Entries[i]
		if e.Reviewed != old.Reviewed {
			if e.Reviewed {
				m.Entries[i] = e
			}
		} else if e.Doc < old.Doc || e.Doc == old.Doc && e.ID < old.ID {
			m.Entries[i] = e
		}
		return
	}
	i := len(m.Entries)
	m.Entries = append(m.Entries, e)
	m.exact[e.Source] = i
	words := uniqueWords(e.Source)
	m.counts = append(m.counts, len(words))
	for _, w := range words {
		m.words[w] = append(m.words[w], i)
	}
}

// Exact returns the translation of exactly this source text.
func (m *Memory) Exact(source string) (Entry, bool) {
	i, ok := m.exact[source]
	if !ok {
		return Entry{}, false
	}
	return m.Entries[i], true
}

// Match is a fuzzy lookup result.
type Match struct {
	Entry
	Score float64 // 0..1
}

// Fuzzy returns up to limit entries at least minScore similar to source (and
// not identical), best first. Candidates are the entries sharing the most
// words with source, so lookups stay fast on large memories.
func (m *Memory) Fuzzy(source string, minScore float64, limit int) []Match {
	words := uniqueWords(source)
	if len(words) == 0 {
		return nil
	}
	// Words found in more than a tenth of the memory ("the", "a") cannot
	// tell texts apart; the rest vote for the entries that contain them.
	common := max(50, len(m.Entries)/10)
	shared := map[int]int{}
	for _, w := range words {
		list := m.words[w]
		if len(list) > common {
			continue
		}
		for _, i := range list {
			shared[i]++
		}
	}
	// An entry scoring min or more shares most of its words with source
	// and has about as many: others are not worth an edit distance.
	need := max(1, int(float64(len(words))*minScore*0.5))
	type cand struct{ i, n int }
	var cands []cand
	for i, n := range shared {
		c := m.counts[i]
		if n < need || float64(min(c, len(words))) < minScore*float64(max(c, len(words))) {
			continue
		}
		cands = append(cands, cand{i, n})
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].n != cands[b].n {
			return cands[a].n > cands[b].n
		}
		return cands[a].i < cands[b].i
	})
	if len(cands) > 4*limit+8 {
		cands = cands[:4*limit+8]
	}
	var out []Match
	for _, c := range cands {
		e := m.Entries[c.i]
		if e.Source == source {
			continue
		}
		if s := catalog.Similarity(e.Source, source); s >= minScore {
			out = append(out, Match{e, s})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Source < out[j].Source
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func uniqueWords(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(placeholder.Strip(s)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	}) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
