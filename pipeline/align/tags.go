package align

import (
	"fmt"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// piece is a stretch of a translated segment's text, its tags numbered
// as that segment's placeholders.
type piece struct {
	text string
	phs  []pipeline.Placeholder
}

// mapTags rewrites pieces of translation in the source segment's tags:
// each tag of the translation stands for the source placeholder with the
// same markup, else the same description (a link, whatever its target),
// else the same kind of markup, first unused first. A tag with no
// counterpart, or a result the build would reject (a link or code span
// of the source missing), fails: the unit is left untranslated rather
// than guessed.
func mapTags(src []pipeline.Placeholder, pieces []piece) (string, error) {
	used := make([]bool, len(src))
	// num maps each piece's tag numbers to the source's. Exact matches
	// are settled first for every tag, so a looser match of one tag
	// cannot take the placeholder another matches exactly.
	num := make([]map[int]int, len(pieces))
	toks := make([][]placeholder.Token, len(pieces))
	for i, p := range pieces {
		num[i] = map[int]int{}
		toks[i] = placeholder.Parse(p.text)
		for _, t := range toks[i] {
			if t.Kind != placeholder.Text && (t.N < 1 || t.N > len(p.phs)) {
				return "", fmt.Errorf("tag %s stands for no markup", t.Text)
			}
		}
	}
	for level := range matchLevels {
		for i, p := range pieces {
			for _, t := range toks[i] {
				if t.Kind == placeholder.Text || num[i][t.N] != 0 {
					continue
				}
				if n := counterpart(src, used, p.phs[t.N-1], level); n != 0 {
					num[i][t.N] = n
				}
			}
		}
	}
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, t := range toks[i] {
			if t.Kind == placeholder.Text {
				b.WriteString(t.Text)
				continue
			}
			n := num[i][t.N]
			if n == 0 {
				return "", fmt.Errorf("no markup of the source matches %s (%s)", t.Text, p.phs[t.N-1].Label)
			}
			open, close := pipeline.Tag(n, src[n-1].Kind)
			if t.Kind == placeholder.Close {
				b.WriteString(close)
			} else {
				b.WriteString(open)
			}
		}
	}
	out := strings.TrimSpace(b.String())
	for _, pr := range placeholder.Check(placeholder.Parse(out), src) {
		if pr.Severity == pipeline.SeverityError {
			return "", fmt.Errorf("%s", pr.Msg)
		}
	}
	return out, nil
}

// matchLevels are the ways a translation's placeholder may match the
// source's, strictest first: the same markup (or, across formats, the
// same content), the same description, the same kind of markup. Code
// must match by its content: code of another content is another
// command, where a link may point to the translated page.
var matchLevels = []func(s, t pipeline.Placeholder) bool{
	func(s, t pipeline.Placeholder) bool {
		return s.Open == t.Open && s.Close == t.Close || s.Content && t.Content && markupAnchor(s) == markupAnchor(t)
	},
	func(s, t pipeline.Placeholder) bool { return s.Label == t.Label && loose(s) },
	func(s, t pipeline.Placeholder) bool { return labelKind(s.Label) == labelKind(t.Label) && loose(s) },
}

// loose reports whether markup may match markup of other content: style,
// links and images, not code.
func loose(ph pipeline.Placeholder) bool {
	k := labelKind(ph.Label)
	return !ph.Content || k == "link" || k == "image"
}

// counterpart finds the source placeholder (numbered from 1) a
// translation's placeholder stands for, 0 when none does.
func counterpart(src []pipeline.Placeholder, used []bool, ph pipeline.Placeholder, level int) int {
	for i, s := range src {
		if !used[i] && s.Kind == ph.Kind && matchLevels[level](s, ph) {
			used[i] = true
			return i + 1
		}
	}
	return 0
}

// labelKind is the kind of markup a placeholder's label names ("link"
// of "link https://example.com").
func labelKind(label string) string {
	k, _, _ := strings.Cut(label, " ")
	if same, ok := sameMarkup[k]; ok {
		return same
	}
	return k
}

// sameMarkup names alike the markup Markdown and HTML describe apart, so
// a translation in one format maps onto a source in the other.
var sameMarkup = map[string]string{"em": "emphasis", "i": "emphasis", "b": "strong"}
