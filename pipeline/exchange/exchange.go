// Package exchange is the neutral form in which message files travel to
// translation tools (XLIFF, PO) and come back, and the rule that merges what
// comes back without overwriting newer work.
package exchange

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// Annotate returns extra notes for a message, such as glossary terms; it
// has the shape of catalog.Options.Annotate so one function serves both.
type Annotate func(seg *pipeline.Segment, m *catalog.Message) []string

// File is one document's messages in one locale, ready for a tool.
type File struct {
	// Document is the project-relative path of the source document; it is
	// how an imported file finds its way back to its message file.
	Document     string
	SourceLocale string
	Locale       string
	Units        []*Unit
}

// Unit is one message as a translator sees it in a tool.
type Unit struct {
	ID   string
	Kind pipeline.Kind
	// Line and Col locate the segment in the document.
	Line, Col    int
	Source       string
	Placeholders []pipeline.Placeholder
	Target       string
	State        catalog.State
	// Previous is the English a fuzzy translation was made from.
	Previous string
	// Provenance says where an aligned draft came from, as its message
	// file's note does; "" for anything else.
	Provenance string
	// Comments are the translator's own comments in the message file.
	Comments []string
	// Notes come from the Annotate function: glossary terms, suggestions.
	Notes []string
	// Base fingerprints the translation as exported; the import compares
	// it with the message file to notice work done there in the meantime.
	Base string
	// TargetPos locates the translation in the message file, for errors
	// about it; zero when unknown.
	TargetPos pipeline.Position
	// Rejected: the build does not use Target (a note says why). It goes
	// out as work to do, its text kept for the translator to fix.
	Rejected bool
}

// FallBack makes an untranslated unit carry the translation its page
// shows from another locale of the chain: it counts as translated, as the
// build counts it, and a tool that returns it unchanged changes nothing.
func (u *Unit) FallBack(text string) {
	u.Target, u.State = text, catalog.Translated
	u.Base = Fingerprint(u.State, u.Target)
}

// New builds the exchange form of a document's message file. The file
// must be in step with the document (as quipu sync leaves it): units
// follow the document's order, one per distinct segment.
func New(doc *pipeline.Document, f *catalog.File, sourceLocale string, annotate Annotate) *File {
	out := &File{Document: doc.Path, SourceLocale: sourceLocale, Locale: f.Locale}
	idx := f.Index()
	seen := map[string]bool{}
	for _, seg := range doc.Segments {
		if seen[seg.ID] {
			continue
		}
		seen[seg.ID] = true
		u := &Unit{
			ID: seg.ID, Kind: seg.Kind, Line: seg.Line, Col: seg.Col,
			Source: seg.Text, Placeholders: seg.Placeholders,
		}
		if m := idx[seg.ID]; m != nil {
			u.Target, u.State, u.Comments = m.Other, m.State, m.Comments
			if m.State == catalog.Stale {
				u.Previous = m.Previous
			}
			if m.State == catalog.Aligned && m.Provenance != "" {
				u.Provenance = string(m.State) + ": " + m.Provenance
			}
			if annotate != nil {
				u.Notes = annotate(seg, m)
			}
			if m.State == catalog.Machine && m.Other != "" {
				u.Notes = append(u.Notes, MachineNote+m.Provenance)
			}
		}
		if u.Target == "" {
			u.State = catalog.Untranslated
		}
		u.Base = Fingerprint(u.State, u.Target)
		out.Units = append(out.Units, u)
	}
	return out
}

// MachineNote begins the note a machine draft carries to a tool: where it
// came from, and that it waits for a person ("machine draft: apertium
// eng-spa …").
const MachineNote = "machine draft, to post-edit: "

// Location is where the unit's segment starts, as "content/a.md:3:1".
func (f *File) Location(u *Unit) string {
	return fmt.Sprintf("%s:%d:%d", f.Document, u.Line, u.Col)
}

// TagLegend says what each tag of the unit stands for, such as
// "<1>…</1> emphasis · <2/> code", or "" when it has none.
func (u *Unit) TagLegend() string {
	var parts []string
	for i, ph := range u.Placeholders {
		open, close := pipeline.Tag(i+1, ph.Kind)
		if close != "" {
			open += "…" + close
		}
		parts = append(parts, open+" "+ph.Label)
	}
	return strings.Join(parts, " · ")
}

// Fingerprint identifies a translation and its state in a few hex digits.
// The state is part of it so that a review done in the message file after
// the export counts as newer work too.
func Fingerprint(state catalog.State, text string) string {
	sum := sha1.Sum([]byte(string(state) + "\x00" + text))
	return hex.EncodeToString(sum[:8])
}

// Returned is one document's translations as a tool gave them back.
type Returned struct {
	Document     string
	SourceLocale string
	Locale       string
	// Pos is where the imported file names the document.
	Pos          pipeline.Position
	Translations []*Translation
}

// Translation is one unit as a tool gave it back.
type Translation struct {
	ID string
	// Text is the target in quipu's tag syntax; "" means the tool offers
	// no translation.
	Text  string
	State catalog.State
	// Base is the fingerprint written at export, "" if the tool dropped it.
	Base string
	// Pos locates the unit in the imported file.
	Pos pipeline.Position
	// Spans map byte offsets of Text to positions in the imported file,
	// so a bad tag is reported where the translator can see it.
	Spans []Span
}

// Span says that byte Off of a translation's text sits at Pos.
type Span struct {
	Off int
	Pos pipeline.Position
}

// PosAt returns the position in the imported file of byte off of the
// text: the nearest span before it, moved along its line.
func (t *Translation) PosAt(off int) pipeline.Position {
	i := sort.Search(len(t.Spans), func(i int) bool { return t.Spans[i].Off > off }) - 1
	if i < 0 {
		return t.Pos
	}
	p := t.Spans[i].Pos
	if p.Col > 0 && !strings.Contains(t.Text[t.Spans[i].Off:min(off, len(t.Text))], "\n") {
		p.Col += off - t.Spans[i].Off
	}
	return p
}
