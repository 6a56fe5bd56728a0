package catalog

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// SourceFile builds the source-locale message file of a document: one
// message per segment, in document order, the text as the translator will
// see it.
func SourceFile(doc *pipeline.Document, path, locale string) *File {
	f := &File{Path: path, Locale: locale, Doc: doc.Key, Header: header(doc, locale, true)}
	seen := map[string]bool{}
	for _, seg := range doc.Segments {
		if seen[seg.ID] {
			continue
		}
		seen[seg.ID] = true
		m := &Message{ID: seg.ID, Description: string(seg.Kind), Other: seg.Text}
		m.LeftDelim, m.RightDelim = delims(seg.Text)
		m.Notes = []string{location(doc, seg)}
		f.Messages = append(f.Messages, m)
	}
	return f
}

// Report says what a sync changed in one target file.
type Report struct {
	Added, Kept, Stale, Obsolete, Reused int
}

// Options tune a sync.
type Options struct {
	// Annotate adds notes beside a message (glossary terms, suggestions).
	Annotate func(seg *pipeline.Segment, m *Message) []string
	// Reuse offers a translation for a new segment (translation memory).
	// From names where it came from, for the note.
	Reuse func(seg *pipeline.Segment) (text, from string, ok bool)
}

// Sync brings a target-locale file in step with the document. Nothing a
// translator wrote is lost: a translation whose English changed is kept and
// flagged fuzzy with the old English beside it; one whose segment is gone
// is returned as obsolete for the caller to keep.
func Sync(doc *pipeline.Document, old *File, path, locale string, opt Options) (f *File, obsolete []*Message, rep Report) {
	f = &File{Path: path, Locale: locale, Doc: doc.Key, Header: header(doc, locale, false)}
	prev := map[string]*Message{}
	if old != nil {
		prev = old.Index()
	}
	used := map[string]bool{}
	var fresh []*Message
	freshSeg := map[*Message]*pipeline.Segment{}
	for _, seg := range doc.Segments {
		if used[seg.ID] {
			continue
		}
		used[seg.ID] = true
		hash := Hash(string(seg.Kind), seg.Text)
		m := &Message{ID: seg.ID, Description: string(seg.Kind), Hash: hash}
		if o, ok := prev[seg.ID]; ok {
			m.Other, m.State, m.Comments, m.Order, m.Previous = o.Other, o.State, o.Comments, o.Order, o.Previous
			m.LeftDelim, m.RightDelim = o.LeftDelim, o.RightDelim
			if Draft(o.State) {
				m.Provenance = o.Provenance
			}
			// A fuzzy translation keeps the hash of the English it was
			// made from, as goi18n merge expects: a hash that differs from
			// the source's means "translated from other content". It takes
			// the current hash once the translator clears the flag, which
			// shows as a translation without the flag whose file showed
			// the current English beside it.
			switch {
			case m.Other != "" && m.State == Stale:
				if o.Hash != "" {
					m.Hash = o.Hash
				}
				rep.Kept++
			case Draft(m.State):
				// A draft was never a person's translation of the old
				// English: it stays a draft, not a fuzzy translation.
				m.Previous = ""
				rep.Kept++
			case m.Other != "" && o.Hash != "" && o.Hash != hash && o.Source != seg.Text:
				m.State, m.Previous, m.Hash = Stale, o.Source, o.Hash
				rep.Stale++
			default:
				// Not fuzzy: the old English ("#| en:") has served.
				m.Previous = ""
				rep.Kept++
			}
			if m.Other == "" {
				m.State, m.Provenance = Untranslated, ""
				if reuse(opt, seg, m) {
					rep.Reused++
				}
			} else if m.State == Untranslated {
				m.State = Translated
			}
		} else {
			fresh = append(fresh, m)
			freshSeg[m] = seg
		}
		m.Source = seg.Text
		f.Messages = append(f.Messages, m)
	}

	// Translations whose segment is gone: an edited segment gets the
	// translation of the most similar one, flagged fuzzy.
	var orphans []*Message
	if old != nil {
		for _, o := range old.Messages {
			if used[o.ID] || o.Other == "" {
				continue
			}
			if Draft(o.State) {
				// Not carried over as a fuzzy translation, which would
				// pass it for a person's once the flag is cleared.
				obsolete = append(obsolete, o)
				rep.Obsolete++
				continue
			}
			orphans = append(orphans, o)
		}
	}
	// Pair edited segments with the translations they lost, best matches
	// first, so that two edits in one sync cannot swap translations.
	type pair struct {
		m     *Message
		o     int
		score float64
	}
	var pairs []pair
	for _, m := range fresh {
		for i, o := range orphans {
			if s := Similarity(o.Source, freshSeg[m].Text); s >= MinEditSimilarity {
				pairs = append(pairs, pair{m, i, s})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	matched := map[*Message]bool{}
	for _, pr := range pairs {
		o := orphans[pr.o]
		if matched[pr.m] || o == nil {
			continue
		}
		matched[pr.m] = true
		orphans[pr.o] = nil
		m := pr.m
		m.Other, m.Comments, m.Order = o.Other, o.Comments, o.Order
		m.State, m.Previous = Stale, o.Source
		if o.Hash != "" {
			m.Hash = o.Hash
		}
		if o.State == Stale && o.Previous != "" {
			m.Previous = o.Previous
		}
		rep.Stale++
	}
	for _, m := range fresh {
		seg := freshSeg[m]
		if matched[m] {
			continue
		}
		if reuse(opt, seg, m) {
			rep.Reused++
			continue
		}
		rep.Added++
	}
	for _, o := range orphans {
		if o != nil {
			obsolete = append(obsolete, o)
			rep.Obsolete++
		}
	}

	segs := map[string]*pipeline.Segment{}
	for _, seg := range doc.Segments {
		if segs[seg.ID] == nil {
			segs[seg.ID] = seg
		}
	}
	for _, m := range f.Messages {
		seg := segs[m.ID]
		if m.LeftDelim == "" {
			m.LeftDelim, m.RightDelim = delims(m.Other + seg.Text)
		}
		m.Notes = targetNotes(doc, seg)
		if m.State == Stale && m.Previous != "" && m.Previous != seg.Text {
			m.Notes = append(m.Notes, "changed: "+WordDiff(m.Previous, seg.Text))
		}
		if opt.Annotate != nil {
			m.Notes = append(m.Notes, opt.Annotate(seg, m)...)
		}
	}
	return f, obsolete, rep
}

// reuse fills an untranslated message from translation memory, flagged
// for review in a comment the translator removes once satisfied.
func reuse(opt Options, seg *pipeline.Segment, m *Message) bool {
	if opt.Reuse == nil {
		return false
	}
	text, from, ok := opt.Reuse(seg)
	if !ok {
		return false
	}
	m.Other, m.State = text, Translated
	m.Comments = append(m.Comments, memoryMark+from+"): review it")
	return true
}

const memoryMark = " from translation memory ("

// FromMemory reports whether a message was filled from translation memory
// and still carries the comment saying so.
func FromMemory(m *Message) bool {
	for _, c := range m.Comments {
		if strings.HasPrefix(c, memoryMark) {
			return true
		}
	}
	return false
}

func header(doc *pipeline.Document, locale string, source bool) []string {
	if source {
		return []string{
			fmt.Sprintf("quipu: source messages of %s (%s), written by `quipu sync`.", doc.Path, locale),
			"Edit the document, not this file: sync rewrites it.",
		}
	}
	return []string{
		fmt.Sprintf("quipu: %s translation of %s, kept in step by `quipu sync`.", locale, doc.Path),
		`Translate each "other". Tags such as <1>…</1> and <2/> stand for the source's markup:`,
		"keep each one, and move it where the sentence needs it. A flag line before a message",
		`records its state: "#, translated", "#, reviewed", or "#, fuzzy" when the English`,
		`changed ("#| en:" shows the old English; fix the translation, then drop the flag).`,
		`Lines starting "#." are rewritten by sync; your own "#" comments are kept.`,
	}
}

func location(doc *pipeline.Document, seg *pipeline.Segment) string {
	return fmt.Sprintf("%s · %s:%d:%d", seg.Kind, doc.Path, seg.Line, seg.Col)
}

func targetNotes(doc *pipeline.Document, seg *pipeline.Segment) []string {
	notes := []string{location(doc, seg), "en: " + strings.ReplaceAll(seg.Text, "\n", "\n    ")}
	if len(seg.Placeholders) > 0 {
		var parts []string
		for i, ph := range seg.Placeholders {
			open, close := pipeline.Tag(i+1, ph.Kind)
			tag := open
			if close != "" {
				tag = open + "…" + close
			}
			parts = append(parts, tag+" "+ph.Label)
		}
		notes = append(notes, "tags: "+strings.Join(parts, " · "))
	}
	return notes
}

// delims returns template delimiters for go-i18n when text holds "{{" or
// "}}", which go-i18n would otherwise read as a Go template.
func delims(text string) (left, right string) {
	if !strings.Contains(text, "{{") && !strings.Contains(text, "}}") {
		return "", ""
	}
	for _, d := range [][2]string{{"[[⟪", "⟫]]"}, {"<<⟪", "⟫>>"}, {"⟪⟪⟪", "⟫⟫⟫"}} {
		if !strings.Contains(text, d[0]) && !strings.Contains(text, d[1]) {
			return d[0], d[1]
		}
	}
	return "⟪⟪⟪⟪", "⟫⟫⟫⟫"
}

// MinEditSimilarity is how alike an edited segment must be to a vanished
// one to inherit its translation (flagged fuzzy).
const MinEditSimilarity = 0.6

// Similarity scores how alike two message texts are, from 0 to 1: one
// minus the word-level edit distance over the longer length. Tags count as
// words, so moved markup lowers the score a little.
func Similarity(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa) == 0 && len(wb) == 0 {
		return 1
	}
	n := max(len(wa), len(wb))
	return 1 - float64(wordDistance(wa, wb))/float64(n)
}

func words(s string) []string {
	var out []string
	for _, t := range placeholder.Parse(s) {
		if t.Kind != placeholder.Text {
			out = append(out, t.Text)
			continue
		}
		out = append(out, strings.FieldsFunc(strings.ToLower(t.Text), func(r rune) bool {
			return r == ' ' || r == '\n' || r == '\t' || r == ',' || r == '.' || r == ';' || r == ':' || r == '!' || r == '?'
		})...)
	}
	return out
}

// wordDistance is the edit distance between two lists of words: each
// distinct word is spelled as one letter, so a letter edit is a word edit.
func wordDistance(a, b []string) int {
	letters := map[string]rune{}
	spell := func(words []string) string {
		rs := make([]rune, len(words))
		for i, w := range words {
			r, ok := letters[w]
			if !ok {
				r = rune(0x10000 + len(letters)) // past the surrogates: every one a valid rune
				letters[w] = r
			}
			rs[i] = r
		}
		return string(rs)
	}
	return levenshtein.ComputeDistance(spell(a), spell(b))
}
