// Package xliff writes message files as XLIFF 2.0 for translation tools
// and reads the tools' files back, checking every unit.
package xliff

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Namespaces of the documents quipu writes and reads.
const (
	Namespace      = "urn:oasis:names:tc:xliff:document:2.0"
	QuipuNamespace = "urn:quipu-l10n:xliff"
)

// FuzzySubState marks a translation whose English changed since it was
// made. Its state is "initial": tools show it as work to do, with the old
// translation in place to start from.
const FuzzySubState = "quipu:fuzzy"

// MachineSubState marks a machine draft: "initial", work to do, with the
// draft in the target to post-edit and a note naming the engine.
const MachineSubState = "quipu:machine"

// AlignedSubState marks a draft quipu align found in an existing
// translation: "initial", work to review, with a note of where it came
// from. XLIFF 2.0 has no "needs review" state; XLIFF 1.2 would say
// needs-review-translation.
const AlignedSubState = "quipu:aligned"

// RejectedSubState marks a translation the build rejects: "initial", work
// to do, with the translation kept to fix and a note saying why.
const RejectedSubState = "quipu:rejected"

// stateOf maps a message state to a segment's state and subState.
// Reviewed is "reviewed", not "final": quipu has no stage after review,
// and "final" comes back as reviewed.
func stateOf(s catalog.State) (state, sub string) {
	switch s {
	case catalog.Translated:
		return "translated", ""
	case catalog.Reviewed:
		return "reviewed", ""
	case catalog.Stale:
		return "initial", FuzzySubState
	case catalog.Machine:
		return "initial", MachineSubState
	case catalog.Aligned:
		return "initial", AlignedSubState
	}
	return "initial", ""
}

// Encode writes one document's messages as an XLIFF 2.0 document with a
// single <file>. A tag that does not fit its source (which the build
// rejects) cannot be an XLIFF inline code: it is written as the text the
// translator typed, as PO writes it, and the unit's notes say why the
// build rejects it. The error is for the encode function's shape: there
// is none.
func Encode(f *exchange.File) ([]byte, error) {
	w := &writer{}
	w.line(0, `<?xml version="1.0" encoding="UTF-8"?>`)
	w.line(0, `<xliff xmlns="`+Namespace+`" xmlns:quipu="`+QuipuNamespace+`" version="2.0" srcLang=`+attr(f.SourceLocale)+` trgLang=`+attr(f.Locale)+`>`)
	w.line(1, `<file id=`+attr(fileID(f.Document))+` original=`+attr(f.Document)+` xml:space="preserve">`)
	for _, u := range f.Units {
		w.unit(f, u)
	}
	w.line(1, `</file>`)
	w.line(0, `</xliff>`)
	return []byte(w.b.String()), nil
}

type writer struct{ b strings.Builder }

func (w *writer) line(depth int, s string) {
	w.b.WriteString(strings.Repeat("  ", depth))
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *writer) unit(f *exchange.File, u *exchange.Unit) {
	var target string
	if u.Target != "" {
		target = inline(placeholder.Parse(u.Target), u.Placeholders)
	}
	w.line(2, `<unit id=`+attr(u.ID)+` quipu:base=`+attr(u.Base)+`>`)
	w.line(3, `<notes>`)
	note := func(category, text string) {
		cat := ""
		if category != "" {
			cat = ` category=` + attr(category)
		}
		w.line(4, `<note`+cat+`>`+noteText(text)+`</note>`)
	}
	note("location", f.Location(u))
	note("kind", string(u.Kind))
	if legend := u.TagLegend(); legend != "" {
		note("tags", legend)
	}
	if u.Previous != "" {
		note("previous-source", u.Previous)
	}
	if u.Provenance != "" {
		note("provenance", u.Provenance)
	}
	for _, c := range u.Comments {
		note("comment", strings.TrimSpace(c))
	}
	for _, n := range u.Notes {
		note("", n)
	}
	w.line(3, `</notes>`)
	if len(u.Placeholders) > 0 {
		w.line(3, `<originalData>`)
		for i, ph := range u.Placeholders {
			w.line(4, `<data id="`+dataID(i+1, false)+`">`+content(ph.Open)+`</data>`)
			if ph.Kind == pipeline.Paired {
				w.line(4, `<data id="`+dataID(i+1, true)+`">`+content(ph.Close)+`</data>`)
			}
		}
		w.line(3, `</originalData>`)
	}
	state, sub := stateOf(u.State)
	switch {
	case u.Target == "":
		state, sub = "initial", ""
	case u.Rejected:
		state, sub = "initial", RejectedSubState
	}
	seg := `<segment state="` + state + `"`
	if sub != "" {
		seg += ` subState=` + attr(sub)
	}
	w.line(3, seg+`>`)
	w.line(4, `<source>`+inline(placeholder.Parse(u.Source), u.Placeholders)+`</source>`)
	if u.Target != "" {
		w.line(4, `<target>`+target+`</target>`)
	}
	w.line(3, `</segment>`)
	w.line(2, `</unit>`)
}

// inline writes a message's text with its tags as XLIFF inline codes:
// <pc> for paired markup, <ph/> for standalone codes, each pointing at the
// original markup so tools can show it. A tag that cannot be a code (not
// in the source, of the wrong kind, used twice, unbalanced or crossing
// another) is written as text, so the XML stays well formed and nothing
// the translator typed is lost.
func inline(toks []placeholder.Token, phs []pipeline.Placeholder) string {
	code := codes(toks, phs)
	var b strings.Builder
	for i, t := range toks {
		switch {
		case t.Kind == placeholder.Text || !code[i]:
			b.WriteString(content(t.Text))
		case t.Kind == placeholder.Open:
			fmt.Fprintf(&b, `<pc id="%d" dataRefStart="%s" dataRefEnd="%s" type="%s" canCopy="no">`,
				t.N, dataID(t.N, false), dataID(t.N, true), codeType(phs[t.N-1].Label))
		case t.Kind == placeholder.Close:
			b.WriteString(`</pc>`)
		case t.Kind == placeholder.Standalone:
			fmt.Fprintf(&b, `<ph id="%d" dataRef="%s" type="%s" canCopy="no"/>`,
				t.N, dataID(t.N, false), codeType(phs[t.N-1].Label))
		}
	}
	return b.String()
}

// codes reports which tags can be written as inline codes: tags of the
// source, of its kind, each once, paired ones matched and nested.
func codes(toks []placeholder.Token, phs []pipeline.Placeholder) []bool {
	code := make([]bool, len(toks))
	used := map[int]bool{}
	var open []int // token indexes of the <pc> opened
	fits := func(t placeholder.Token, kind pipeline.PlaceholderKind) bool {
		return t.N >= 1 && t.N <= len(phs) && phs[t.N-1].Kind == kind
	}
	for i, t := range toks {
		switch t.Kind {
		case placeholder.Standalone:
			if fits(t, pipeline.Standalone) && !used[t.N] {
				code[i], used[t.N] = true, true
			}
		case placeholder.Open:
			if fits(t, pipeline.Paired) && !used[t.N] {
				used[t.N] = true
				open = append(open, i)
			}
		case placeholder.Close:
			if n := len(open); n > 0 && toks[open[n-1]].N == t.N {
				code[i], code[open[n-1]] = true, true
				open = open[:n-1]
			}
		}
	}
	return code
}

func dataID(n int, end bool) string {
	if end {
		return "d" + strconv.Itoa(n) + "e"
	}
	return "d" + strconv.Itoa(n)
}

// codeType maps a placeholder's label to XLIFF's code types, which tools
// use to pick an icon or a shortcut.
func codeType(label string) string {
	kind, _, _ := strings.Cut(label, " ")
	switch kind {
	case "emphasis", "strong", "strikethrough", "line":
		return "fmt"
	case "link":
		return "link"
	case "image":
		return "image"
	}
	return "other"
}

// fileID turns a document path into an NMTOKEN, which XLIFF requires of
// ids; the path itself is in the original attribute.
func fileID(path string) string {
	var b strings.Builder
	for _, r := range path {
		if r == '-' || r == '.' || r == '_' || r == ':' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f && r != utf8.RuneError {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "f"
	}
	return b.String()
}

// validChar reports whether XML 1.0 allows r in a document.
func validChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// content escapes text for <source>, <target> and <data>, writing the
// characters XML cannot hold as <cp/> elements so nothing is lost.
func content(s string) string { return escape(s, false, true) }

// noteText escapes text for a <note>, which cannot hold <cp/>.
func noteText(s string) string { return escape(s, false, false) }

// attr quotes an attribute value.
func attr(s string) string { return `"` + escape(s, true, false) + `"` }

// escape writes s as XML character data, or as an attribute value (quotes
// and white space as references, which an XML reader would otherwise
// normalize). A character XML cannot hold becomes a <cp/> element when cp
// is set, else U+FFFD.
func escape(s string, attr, cp bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;") // a raw CR would be read back as LF
		case attr && r == '"':
			b.WriteString("&quot;")
		case attr && r == '\n':
			b.WriteString("&#xA;")
		case attr && r == '\t':
			b.WriteString("&#x9;")
		case !validChar(r) && cp:
			fmt.Fprintf(&b, `<cp hex="%04X"/>`, r)
		case !validChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
