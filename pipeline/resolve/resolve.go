// Package resolve decides, for one segment in one locale, which text is published, where it comes from and whether it counts as translated.
package resolve

import (
	"fmt"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Verdict is what a segment's translation amounts to in one locale. Only
// Translated counts as translated; every command counts with it, so build,
// status, check and export cannot disagree.
type Verdict uint8

// Verdicts, decided by the first translation along the locale's chain.
const (
	// Missing: no locale of the chain has a translation; the source text
	// is published.
	Missing Verdict = iota
	// Translated: the first translation is current and its tags match the
	// source; it is published.
	Translated
	// Fuzzy: the first translation was made for an English that has
	// changed since. It is published only when asked (Options.UseFuzzy);
	// otherwise the next translation along the chain, or the source text.
	Fuzzy
	// Rejected: the first current translation has errors (tags that do
	// not match the source, or a tag carrying content dropped); the source
	// text is published.
	Rejected
	// Machine: the first translation is a machine draft no person has
	// accepted. Like a fuzzy one, it is published only when asked
	// (Options.UseMachine).
	Machine
	// Aligned: the first translation is a draft found in an existing
	// translated document (quipu align); published as a fuzzy one is,
	// only when asked (Options.UseFuzzy).
	Aligned
)

var verdictNames = [...]string{Missing: "missing", Translated: "translated", Fuzzy: "fuzzy", Rejected: "rejected", Machine: "machine", Aligned: "aligned"}

// drafts are the states whose translations wait for a person: each gives
// its verdict, and is published only when its option asks for it.
var drafts = map[catalog.State]struct {
	verdict Verdict
	use     func(Options) bool
}{
	catalog.Stale:   {Fuzzy, func(o Options) bool { return o.UseFuzzy }},
	catalog.Machine: {Machine, func(o Options) bool { return o.UseMachine }},
	catalog.Aligned: {Aligned, func(o Options) bool { return o.UseFuzzy }},
}

// draftVerdict reports whether a verdict is a draft's.
func draftVerdict(v Verdict) bool {
	for _, d := range drafts {
		if d.verdict == v {
			return true
		}
	}
	return false
}

func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return fmt.Sprintf("Verdict(%d)", v)
}

// MarshalText writes the verdict's name, for JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Layer is one locale of a fallback chain: the messages of one document's
// message file in that locale (nil when it has none) and the file's path,
// for positions.
type Layer struct {
	Locale   string
	File     string
	Messages map[string]*catalog.Message
}

// Options tune Resolve.
type Options struct {
	// UseFuzzy publishes a fuzzy translation when it is the first along
	// the chain, as msgfmt --use-fuzzy does. Its verdict stays Fuzzy.
	UseFuzzy bool
	// UseMachine publishes a machine draft likewise. Its verdict stays
	// Machine.
	UseMachine bool
}

// Origin is a translation in a message file.
type Origin struct {
	Locale  string
	File    string
	Message *catalog.Message
}

// Pos is the position in the message file of byte off of the translation
// (0: its first character), through the value's TOML quoting.
func (o Origin) Pos(off int) pipeline.Position {
	pos := pipeline.Position{File: o.File}
	m := o.Message
	if m == nil {
		return pos
	}
	if m.OtherLine == 0 {
		pos.Line, pos.Col = m.Line, m.Col
		return pos
	}
	off = max(0, min(off, len(m.Other)))
	quoted := catalog.Quote(m.Other[:off])
	pos.Line, pos.Col = m.OtherLine, m.OtherCol+len(quoted)-1
	return pos
}

// Resolution is the answer for one segment in one locale.
type Resolution struct {
	Verdict Verdict
	// Text is what is published: a translation, or the segment's source
	// text when From.Message is nil.
	Text string
	// From is the translation published (zero for the source text).
	From Origin
	// Refused is the translation the verdict is about when it is not the
	// one published: the fuzzy one left out, the rejected one.
	Refused Origin
	// Problems are the tag problems of the translation the verdict is
	// about, errors and warnings, at byte offsets of its text.
	Problems []pipeline.Problem
}

// Source reports whether the source text is published.
func (r *Resolution) Source() bool { return r.From.Message == nil }

// About is the translation the verdict is about: the refused one, else the
// one published (zero for a missing one).
func (r *Resolution) About() Origin {
	if r.Refused.Message != nil {
		return r.Refused
	}
	return r.From
}

// Resolve decides what one segment shows in a locale whose fallback chain
// is chain (the locale first, the source locale left out). The first
// translated message along the chain decides the verdict; a fuzzy one
// leaves its place to the next usable translation unless opt.UseFuzzy.
func Resolve(seg *pipeline.Segment, chain []Layer, opt Options) Resolution {
	var r Resolution
	decided := false
	for _, l := range chain {
		m := l.Messages[seg.ID]
		if m == nil || !m.Translated() {
			continue
		}
		o := Origin{Locale: l.Locale, File: l.File, Message: m}
		probs := placeholder.Check(placeholder.Parse(m.Other), seg.Placeholders)
		if !decided {
			decided = true
			r.Problems = probs
			d, draft := drafts[m.State]
			switch {
			case draft && d.use(opt) && !placeholder.HasErrors(probs):
				r.Verdict, r.Text, r.From = d.verdict, m.Other, o
				return r
			case draft:
				// Look further down the chain for something to publish.
				r.Verdict, r.Refused = d.verdict, o
				continue
			case placeholder.HasErrors(probs):
				r.Verdict, r.Text, r.Refused = Rejected, seg.Text, o
				return r
			}
			r.Verdict, r.Text, r.From = Translated, m.Other, o
			return r
		}
		// Below a draft: the next current, valid one.
		if _, draft := drafts[m.State]; !draft && !placeholder.HasErrors(probs) {
			r.Text, r.From = m.Other, o
			return r
		}
	}
	if r.From.Message == nil {
		r.Text = seg.Text
	}
	return r
}

// Reject turns a resolution whose published translation could not be used
// in its document (see markdown.Localize: tags moved where their markup
// combines into new syntax) into a rejection: the source text is published.
// A draft's verdict (Fuzzy, Machine) stays (whether it was published or
// left its place to the translation refused), so the counts do not depend
// on UseFuzzy or UseMachine.
func Reject(r Resolution, seg *pipeline.Segment, probs []pipeline.Problem) Resolution {
	if r.Source() {
		return r
	}
	if r.Refused.Message == nil {
		r.Refused = r.From
		r.Problems = append(r.Problems[:len(r.Problems):len(r.Problems)], probs...)
	}
	if !draftVerdict(r.Verdict) {
		r.Verdict = Rejected
	}
	r.Text, r.From = seg.Text, Origin{}
	return r
}
