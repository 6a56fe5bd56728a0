package markdown

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// CodeMarkupAsText is the problem code of a translation whose tags are
// moved where their markup cannot work, so some of it shows as text. The
// translation is used: build warns (--strict fails) and check reports it.
const CodeMarkupAsText = "markup-as-text"

// Lost is a translation that loses markup, with the problem at the tag
// responsible.
type Lost struct {
	Segment *pipeline.Segment
	Problem pipeline.Problem
}

// LosesMarkup returns the translations that, escaped as Localize escapes
// them and each alone in the document, change the document's shape other
// than by the tags they drop: tags moved where their markup cannot work,
// so it shows as text. Localize reports only that some translation does;
// this says which, and at which tag, for messages that point at it.
func LosesMarkup(doc *pipeline.Document, tr pipeline.Translator) []Lost {
	var out []Lost
	for _, seg := range (&guard{doc: doc, tr: tr}).candidates() {
		text, _ := tr(seg)
		if !movesMarkup(doc, seg, text) {
			continue
		}
		out = append(out, Lost{Segment: seg, Problem: pipeline.Problem{
			Code:     CodeMarkupAsText,
			Severity: pipeline.SeverityWarning,
			Offset:   culprit(doc, seg, text),
			Msg:      "the translation moves its tags where their markup cannot work; some markup shows as text",
		}})
	}
	return out
}

// movesMarkup reports whether text, alone in the document, gives a shape
// other than the source's without the tags text drops.
func movesMarkup(doc *pipeline.Document, seg *pipeline.Segment, text string) bool {
	alone := func(s *pipeline.Segment) (string, bool) {
		if s != seg {
			return "", false
		}
		return text, true
	}
	md, _ := Assemble(doc, alone, true)
	keptMD, _ := Assemble(doc, kept(doc, alone), true)
	return !sameShape(Shape(Parse(keptMD), keptMD), Shape(Parse(md), md))
}

// culprit is the offset in text of the first tag whose markup is lost:
// the one without which the shape is what the remaining tags keep. It is
// the first tag when no single one explains it.
func culprit(doc *pipeline.Document, seg *pipeline.Segment, text string) int {
	toks := placeholder.Parse(text)
	first := -1
	tried := map[int]bool{}
	for _, t := range toks {
		if t.Kind == placeholder.Text || tried[t.N] {
			continue
		}
		tried[t.N] = true
		if first < 0 {
			first = t.Offset
		}
		var b strings.Builder
		for _, u := range toks {
			if u.Kind == placeholder.Text || u.N != t.N {
				b.WriteString(u.Text)
			}
		}
		if !movesMarkup(doc, seg, b.String()) {
			return t.Offset
		}
	}
	return max(first, 0)
}

// losesShape reports whether got, the document written with tr's
// translations, differs from want, the source's shape, other than by the
// markup of the tags the translations drop (dropping emphasis or a link
// is sometimes the right translation, and no markup then shows as text).
func losesShape(doc *pipeline.Document, tr pipeline.Translator, want, got []string) bool {
	if sameShape(want, got) {
		return false
	}
	md, _ := Assemble(doc, kept(doc, tr), true)
	return !sameShape(Shape(Parse(md), md), got)
}

// kept turns tr into the translator that writes, for each segment whose
// usable translation drops tags, its source text without those tags: the
// document the translations would make if they lost no markup but the
// markup they drop.
func kept(doc *pipeline.Document, tr pipeline.Translator) pipeline.Translator {
	b := &bodies{src: doc.Source}
	return func(seg *pipeline.Segment) (string, bool) {
		text, ok := tr(seg)
		if !ok || text == seg.Text {
			return "", false
		}
		if _, probs := render(b, seg, text, true); placeholder.HasErrors(probs) {
			return "", false // rejected: the source is written
		}
		toks := placeholder.Parse(text)
		has := map[int]bool{}
		for _, t := range toks {
			if t.Kind != placeholder.Text {
				has[t.N] = true
			}
		}
		var b strings.Builder
		dropped := false
		for _, t := range placeholder.Parse(seg.Text) {
			if t.Kind != placeholder.Text && !has[t.N] {
				dropped = true
				continue
			}
			b.WriteString(t.Text)
		}
		if !dropped {
			return "", false
		}
		return b.String(), true
	}
}
