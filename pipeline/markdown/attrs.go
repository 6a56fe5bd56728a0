package markdown

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// CodeAttributesMoved is the problem code of a translation that moves an
// attribute list's tag from where a site generator reads it.
const CodeAttributesMoved = "attributes-moved"

// attrsMoved returns a problem for each attribute list's tag that the
// translation toks moves from where seg's text has it: Hugo reads "{.lead}"
// only on the line after its block, Python-Markdown "{ .md-button }" only
// right after its element or at the end of its block; anywhere else it is
// text, or Hugo drops the paragraph. A tag that ends the source text must
// end the translation, on a line of its own when it has one; a tag right
// after another must stay right after it.
func attrsMoved(seg *pipeline.Segment, toks []placeholder.Token) []placeholder.Problem {
	if !strings.Contains(seg.Text, "/>") {
		return nil
	}
	isAttr := func(t placeholder.Token) bool {
		return t.Kind == placeholder.Standalone && t.N >= 1 && t.N <= len(seg.Placeholders) && seg.Placeholders[t.N-1].Label == attributesLabel
	}
	var probs []placeholder.Problem
	src := placeholder.Parse(seg.Text)
	for i, t := range src {
		if !isAttr(t) {
			continue
		}
		want := anchorOf(src, i)
		k := -1
		for j, u := range toks {
			if u.Kind == placeholder.Standalone && u.N == t.N {
				k = j
				break
			}
		}
		if k < 0 || want == anchorNone {
			continue
		}
		if got := anchorOf(toks, k); got != want {
			probs = append(probs, placeholder.Problem{
				Offset:   toks[k].Offset,
				Code:     CodeAttributesMoved,
				Severity: pipeline.SeverityError,
				Msg:      "the attribute list " + t.Text + " must stay " + string(want) + ", as in the source: elsewhere the site's generator reads it as text or drops the paragraph",
			})
		}
	}
	return probs
}

// attributesLabel is the label of an attribute list's tag (see tagLabel).
const attributesLabel = "attributes"

// anchor is where an attribute list's tag sits in a message.
type anchor string

const anchorNone anchor = ""

// anchorOf returns where toks[i] sits: at the end (on its own line or
// not), right after a tag, both, or elsewhere (anchorNone).
func anchorOf(toks []placeholder.Token, i int) anchor {
	var where []string
	end := true
	for _, t := range toks[i+1:] {
		if t.Kind != placeholder.Text || strings.TrimSpace(t.Text) != "" {
			end = false
			break
		}
	}
	if end {
		where = append(where, "at the end")
	}
	if i > 0 && toks[i-1].Kind != placeholder.Text {
		where = append(where, "right after "+toks[i-1].Text)
	} else if end && i > 0 {
		prev := toks[i-1].Text
		if ws := prev[len(strings.TrimRight(prev, " \t\r\n")):]; strings.ContainsAny(ws, "\r\n") {
			where = append(where, "on a line of its own")
		}
	}
	return anchor(strings.Join(where, ", "))
}
