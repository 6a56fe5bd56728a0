package markdown

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
)

// CodeMarkupAdded is the problem code of a translation rejected because,
// even with its text escaped, it would add markup the source does not have.
const CodeMarkupAdded = "markup-added"

// localizeEscaped writes the document with escaped translations and makes
// sure the result adds no markup: escaping turns the translator's own text
// into text, but tags moved next to each other or to the start of a line
// can still combine their source bytes into new syntax (an HTML block from
// an inline tag, say). Such translations are found by bisection and
// rejected, so the published document has only markup its source has.
func localizeEscaped(doc *pipeline.Document, tr pipeline.Translator, want *reading) ([]byte, ast.Node, []pipeline.Rejected, bool) {
	var refused []pipeline.Rejected
	skip := map[*pipeline.Segment]bool{}
	use := func(seg *pipeline.Segment) (string, bool) {
		if skip[seg] {
			return "", false
		}
		return tr(seg)
	}
	g := &guard{doc: doc, tr: use, want: want}
	for {
		out, spans, rejected := assemble(doc, use, true)
		got := read(out, true)
		if addedIn(want, got) == "" {
			hid := hidden(doc, want, got, spans)
			if len(hid) == 0 {
				rejected = append(rejected, refused...)
				sort.SliceStable(rejected, func(i, j int) bool { return rejected[i].Segment.Start() < rejected[j].Segment.Start() })
				return out, got.roots[0], rejected, losesShape(doc, use, want.shapes[0], got.shapes[0])
			}
			// Escaped text is text for every reader; words still unseen
			// are lost to something this writing did not foresee.
			for _, sp := range spans {
				if hid[sp.seg] {
					skip[sp.seg] = true
					refused = append(refused, pipeline.Rejected{Segment: sp.seg, Problems: []pipeline.Problem{{
						Code:     CodeTextHidden,
						Severity: "error",
						Msg:      "some of the translation's words would not show on the page, although they would reach its metadata; write it as plain sentences",
					}}})
				}
			}
			continue
		}
		// Every round rejects at least one segment, so this ends, at worst
		// with the source document.
		for seg, extra := range g.find(g.candidates()) {
			skip[seg] = true
			refused = append(refused, pipeline.Rejected{Segment: seg, Problems: []pipeline.Problem{{
				Code:     CodeMarkupAdded,
				Severity: pipeline.SeverityError,
				Msg:      "with its tags where they are, the translation would add markup the source does not have (" + describe(extra) + "); keep each tag beside the words it marks, as in the English",
			}}})
		}
	}
}

type guard struct {
	doc  *pipeline.Document
	tr   pipeline.Translator
	want *reading
}

// candidates are the segments whose translation changes their bytes.
func (g *guard) candidates() []*pipeline.Segment {
	var out []*pipeline.Segment
	for _, seg := range g.doc.Segments {
		if text, ok := g.tr(seg); ok && text != seg.Text {
			out = append(out, seg)
		}
	}
	return out
}

// try returns the first markup added when only segs are translated, or "".
func (g *guard) try(segs []*pipeline.Segment) string {
	in := make(map[*pipeline.Segment]bool, len(segs))
	for _, s := range segs {
		in[s] = true
	}
	out, _ := Assemble(g.doc, func(seg *pipeline.Segment) (string, bool) {
		if !in[seg] {
			return "", false
		}
		return g.tr(seg)
	}, true)
	return addedIn(g.want, read(out, true))
}

// find returns the segments among segs that add markup, each with what it
// adds. Segments that add markup only together are all returned.
func (g *guard) find(segs []*pipeline.Segment) map[*pipeline.Segment]string {
	extra := g.try(segs)
	if extra == "" {
		return nil
	}
	if len(segs) == 1 {
		return map[*pipeline.Segment]string{segs[0]: extra}
	}
	h := len(segs) / 2
	found := g.find(segs[:h])
	for seg, e := range g.find(segs[h:]) {
		if found == nil {
			found = map[*pipeline.Segment]string{}
		}
		found[seg] = e
	}
	if len(found) == 0 {
		found = map[*pipeline.Segment]string{}
		for _, seg := range segs {
			found[seg] = extra
		}
	}
	return found
}

// added returns an element of got's shape that want does not have as many
// times, or "" when got has nothing want lacks.
func added(want, got []string) string {
	n := make(map[string]int, len(want))
	for _, s := range want {
		n[s]++
	}
	for _, s := range got {
		n[s]--
		if n[s] < 0 {
			return s
		}
	}
	return ""
}

// describe names a shape element for a translator: "an HTMLBlock", "an
// Image".
func describe(entry string) string {
	name, reader := entry, ""
	if i := strings.LastIndex(entry, " for "); i > 0 && strings.HasSuffix(entry, " readers") {
		name, reader = entry[:i], entry[i:]
	}
	if i := strings.IndexAny(name, "({"); i > 0 {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "/")
	if name == "" {
		return "new markup"
	}
	return "a new " + name + reader
}
