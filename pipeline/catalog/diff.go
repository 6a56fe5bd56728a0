package catalog

import (
	"strings"
	"unicode"

	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// diffToken is a word or a tag, and whether white space came before it:
// the diff is written with the text's own spacing, so tags stay against
// the words they wrap ("<1>Surquillo Market</1>,").
type diffToken struct {
	text  string
	space bool
}

// diffTokens splits a message into words and tags, so a change inside a
// pair of tags shows as the words that changed.
func diffTokens(s string) []diffToken {
	var out []diffToken
	space := false
	for _, t := range placeholder.Parse(s) {
		if t.Kind != placeholder.Text {
			out = append(out, diffToken{t.Text, space})
			space = false
			continue
		}
		text := t.Text
		for text != "" {
			trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
			space = space || len(trimmed) < len(text)
			if trimmed == "" {
				break
			}
			end := strings.IndexFunc(trimmed, unicode.IsSpace)
			if end < 0 {
				end = len(trimmed)
			}
			out = append(out, diffToken{trimmed[:end], space})
			space = false
			text = trimmed[end:]
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
			if a[i].text == b[j].text {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	put := func(space bool, s string) {
		if space && out.Len() > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(s)
	}
	var del, ins []diffToken
	group := func(open, close string, toks []diffToken) {
		if len(toks) == 0 {
			return
		}
		var g strings.Builder
		for k, t := range toks {
			if k > 0 && t.space {
				g.WriteByte(' ')
			}
			g.WriteString(t.text)
		}
		put(toks[0].space, open+g.String()+close)
	}
	flush := func() {
		group("[-", "-]", del)
		group("{+", "+}", ins)
		del, ins = nil, nil
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i].text == b[j].text:
			flush()
			put(b[j].space, b[j].text)
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
	return out.String()
}
