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
}

// New returns an empty memory.
func New() *Memory {
	return &Memory{exact: map[string]int{}, words: map[string][]int{}}
}

// Add records a translation. For the same source text, a reviewed
// translation wins over an unreviewed one, and the first seen wins among
// equals, so lookups are deterministic.
func (m *Memory) Add(e Entry) {
	if e.Target == "" || e.Source == "" {
		return
	}
	if i, ok := m.exact[e.Source]; ok {
		if e.Reviewed && !m.Entries[i].Reviewed {
			m.Entries[i] = e
		}
		return
	}
	i := len(m.Entries)
	m.Entries = append(m.Entries, e)
	m.exact[e.Source] = i
	for _, w := range uniqueWords(e.Source) {
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

// Fuzzy returns up to limit entries at least min similar to source (and
// not identical), best first. Candidates are the entries sharing the most
// words with source, so lookups stay fast on large memories.
func (m *Memory) Fuzzy(source string, min float64, limit int) []Match {
	words := uniqueWords(source)
	if len(words) == 0 {
		return nil
	}
	shared := map[int]int{}
	for _, w := range words {
		list := m.words[w]
		if len(list) > 2000 {
			continue // too common to tell texts apart ("the")
		}
		for _, i := range list {
			shared[i]++
		}
	}
	// A text with score ≥ min shares at least about min of its words.
	need := int(float64(len(words)) * min * 0.5)
	var out []Match
	for i, n := range shared {
		if n < need {
			continue
		}
		e := m.Entries[i]
		if e.Source == source {
			continue
		}
		if s := catalog.Similarity(e.Source, source); s >= min {
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
