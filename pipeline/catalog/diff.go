package catalog

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// diffTokens splits a message into words and tags, so a change inside a
// pair of tags shows as the words that changed.
func diffTokens(s string) []string {
	var out []string
	for _, t := range placeholder.Parse(s) {
		if t.Kind == placeholder.Text {
			out = append(out, strings.Fields(t.Text)...)
		} else {
			out = append(out, t.Text)
		}
	}
	return out
}

// WordDiff shows what changed between two texts, word by word, in the
// notation of git's word diff: [-removed-] {+added+}. A translator sees at
// a glance that "not" was added, which a similarity score hides.
func WordDiff(old, new string) string {
	a, b := diffTokens(old), diffTokens(new)
	// Longest common subsequence table, from the end.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	var del, ins []string
	flush := func() {
		if len(del) > 0 {
			out = append(out, "[-"+strings.Join(del, " ")+"-]")
		}
		if len(ins) > 0 {
			out = append(out, "{+"+strings.Join(ins, " ")+"+}")
		}
		del, ins = nil, nil
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			out = append(out, a[i])
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			ins = append(ins, b[j])
			j++
		default:
			del = append(del, a[i])
			i++
		}
	}
	flush()
	return strings.Join(out, " ")
}
