package htmldoc

import (
	"html"
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// Localize writes the document with each segment replaced by its
// translation and its language set to locale: <html lang> (added when
// missing), xml:lang and og:locale. An empty locale leaves them as they
// are, which with the source text everywhere reproduces the source byte for
// byte.
//
// Translations are text: "<", "&" and quotes in them are escaped, so a
// translation can never add an element, an attribute or a script. Markup
// comes from the source only, through the placeholders. A translation whose
// tags do not match its source is rejected and the source text kept.
func Localize(doc *pipeline.Document, locale string, tr pipeline.Translator) (out []byte, rejected []pipeline.Rejected) {
	return LocalizeWith(doc, locale, tr, Options{})
}

// Options tune LocalizeWith.
type Options struct {
	// SourceLang, when set, marks the text a translated page keeps in the
	// source language: the content of each block that falls back to its
	// source text is wrapped in <span lang=SourceLang>, unless an element
	// around it states its own language (that text is not in the source's
	// language, and its element says so already), so a screen reader
	// switches voice for it. A page where nothing falls back is unchanged.
	SourceLang string
}

// LocalizeWith is Localize with options.
func LocalizeWith(doc *pipeline.Document, locale string, tr pipeline.Translator, opt Options) (out []byte, rejected []pipeline.Rejected) {
	src := doc.Source
	l := scan(src)
	// The document's own segments carry the identity translators key on;
	// the layout is the same reading of the same bytes.
	for i, u := range l.units {
		if i < len(doc.Segments) && doc.Segments[i].ID == u.seg.ID && doc.Segments[i].Start() == u.span.start {
			u.seg = doc.Segments[i]
		}
	}
	var edits []edit
	if locale != "" {
		edits = langEdits(src, l.lang, locale)
	}
	// Attribute values and titles first: they may lie inside the markup of
	// a text segment, whose placeholders then carry them.
	for _, u := range l.units {
		if u.kind == unitRun {
			continue
		}
		if data, ok := translate(u, tr, &rejected, nil, src); ok {
			edits = append(edits, edit{u.span, data})
		}
	}
	sortEdits(edits)
	var runs []edit
	for _, u := range l.units {
		if u.kind != unitRun {
			continue
		}
		if data, ok := translate(u, tr, &rejected, edits, src); ok {
			runs = append(runs, edit{u.span, data})
		} else if opt.SourceLang != "" && !u.ownLang && fellBack(u, tr) {
			data := append([]byte(`<span lang="`+html.EscapeString(opt.SourceLang)+`">`), apply(nil, src, u.span, edits)...)
			runs = append(runs, edit{u.span, append(data, "</span>"...)})
		}
	}
	// A translated run carries the edits inside it; the others stand alone.
	top := runs
	for _, e := range edits {
		if !inside(e.span, runs) {
			top = append(top, e)
		}
	}
	sortEdits(top)
	sort.SliceStable(rejected, func(i, j int) bool { return rejected[i].Segment.Start() < rejected[j].Segment.Start() })
	return apply(nil, src, span{0, len(src)}, top), rejected
}

// fellBack reports a run that shows its source text for want of a
// translation: none, or one rejected. A translation the same as the
// source is a translation.
// Called when translate kept the source bytes: a translation other than
// the source text was then rejected.
func fellBack(u *unit, tr pipeline.Translator) bool {
	text, ok := tr(u.seg)
	return !ok || text != u.seg.Text
}

// edit replaces the bytes of span with data.
type edit struct {
	span span
	data []byte
}

func sortEdits(es []edit) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].span.start < es[j].span.start })
}

func inside(sp span, runs []edit) bool {
	for _, r := range runs {
		if sp.start >= r.span.start && sp.end <= r.span.end {
			return true
		}
	}
	return false
}

// apply appends src[sp] to out with the edits that lie inside sp made.
func apply(out, src []byte, sp span, edits []edit) []byte {
	at := sp.start
	for _, e := range edits {
		if e.span.start < at || e.span.end > sp.end {
			continue
		}
		out = append(out, src[at:e.span.start]...)
		out = append(out, e.data...)
		at = e.span.end
	}
	return append(out, src[at:sp.end]...)
}

// translate returns the bytes of a unit's translation, or ok == false to
// keep the source bytes: no translation, the source text, or a rejected
// one.
func translate(u *unit, tr pipeline.Translator, rejected *[]pipeline.Rejected, edits []edit, src []byte) ([]byte, bool) {
	text, ok := tr(u.seg)
	if !ok || text == u.seg.Text {
		return nil, false
	}
	out, probs := render(u, text, edits, src)
	if placeholder.HasErrors(probs) {
		*rejected = append(*rejected, pipeline.Rejected{Segment: u.seg, Problems: probs})
		return nil, false
	}
	return out, true
}

// render writes a translation: its text escaped, its tags replaced by the
// source markup they stand for, with the edits inside that markup made.
func render(u *unit, text string, edits []edit, src []byte) ([]byte, []pipeline.Problem) {
	if probs := qa.Controls(text); probs != nil {
		return nil, probs // invisible on the page: it could only hide or garble text
	}
	toks := placeholder.Parse(text)
	probs := placeholder.Check(toks, u.seg.Placeholders)
	if placeholder.HasErrors(probs) {
		return nil, probs
	}
	var out []byte
	if u.kind == unitAttr && u.quote == 0 {
		out = append(out, '"')
	}
	for _, t := range toks {
		var sp span
		switch t.Kind {
		case placeholder.Text:
			if u.kind == unitAttr {
				out = appendAttr(out, t.Text)
			} else {
				out = appendText(out, t.Text)
			}
			continue
		case placeholder.Close:
			sp = u.close[t.N-1]
		default:
			sp = u.open[t.N-1]
		}
		if sp.start < 0 {
			out = append(out, "&lt;"...) // a literal "<" of the source text
			continue
		}
		out = apply(out, src, sp, edits)
	}
	if u.kind == unitAttr && u.quote == 0 {
		out = append(out, '"')
	}
	return out, probs
}

// appendText escapes text for element content (and <title>, whose text
// entities are read in too).
func appendText(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			out = append(out, "&amp;"...)
		case '<':
			out = append(out, "&lt;"...)
		case '>':
			out = append(out, "&gt;"...)
		case 0:
			out = append(out, "\uFFFD"...)
		default:
			out = append(out, c)
		}
	}
	return out
}

// appendAttr escapes text for an attribute value in either kind of quotes.
func appendAttr(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			out = append(out, "&#34;"...)
		case '\'':
			out = append(out, "&#39;"...)
		default:
			out = appendText(out, s[i:i+1])
		}
	}
	return out
}

// langEdits sets the document's language attributes to locale, where they
// differ.
func langEdits(src []byte, spots []langSpot, locale string) []edit {
	var edits []edit
	for _, sp := range spots {
		v := locale
		if sp.underscore {
			v = strings.ReplaceAll(v, "-", "_")
		}
		switch {
		case !sp.insert && sp.span.end == sp.span.start:
			// An empty value ("content=>") has no place the tokenizer is
			// sure to read as the value: leave it.
		case sp.insert:
			edits = append(edits, edit{sp.span, append(appendAttr([]byte(` lang="`), v), '"')})
		case string(src[sp.span.start:sp.span.end]) == v:
		case sp.quote == 0:
			edits = append(edits, edit{sp.span, append(appendAttr([]byte{'"'}, v), '"')})
		default:
			edits = append(edits, edit{sp.span, appendAttr(nil, v)})
		}
	}
	return edits
}
