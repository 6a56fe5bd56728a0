// Package align pairs the segments of a document with those of an existing
// translation of it: by structure, then by sentence length (Gale–Church),
// then by anchors that survive translation.
package align

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Doubtful is the confidence below which an alignment is reported as
// doubtful: it is still written, as every aligned translation is, for a
// person to review.
const Doubtful = 0.5

// Pair is a source segment's translation found in the translated document.
type Pair struct {
	ID string // the source segment's
	// Text is the translation, its tags those of the source segment.
	Text string
	// Confidence is from 0 to 1: how sure the aligner is.
	Confidence float64
	// Line and Col locate the translation in the translated document.
	Line, Col int
	// By says which pass paired them: "structure", "sentences" or
	// "anchors".
	By string
}

// Doubtful reports a low-confidence pair.
func (p Pair) Doubtful() bool { return p.Confidence < Doubtful }

// Left is a source segment left untranslated, and why.
type Left struct {
	ID     string
	Reason string
	// Why sorts the reasons: WhyTags, WhySame or WhyUnmatched.
	Why string
}

// Why a segment was left.
const (
	WhyTags      = "tags"      // its translation's markup maps onto no tag of it
	WhySame      = "same"      // the translated edition left it in the source language
	WhyUnmatched = "unmatched" // no part of the translation matches it
	WhyHidden    = "hidden"    // its only counterpart is text a reader of the translation does not see
)

// Result is the alignment of one document, in source order.
type Result struct {
	Pairs []Pair
	Left  []Left
}

// unit is a segment of either side, measured.
type unit struct {
	seg     *pipeline.Segment
	length  int
	anchors Anchors
	// sentences counts the segment's sentences, once: beads of blocks
	// split differently are weighed by them.
	sentences int
}

func units(segs []*pipeline.Segment) []*unit {
	out := make([]*unit, 0, len(segs))
	for _, s := range segs {
		out = append(out, &unit{seg: s, length: utf8.RuneCountInString(placeholder.Strip(s.Text)), anchors: AnchorsOf(s.Text, s.Placeholders), sentences: len(Sentences(s.Text))})
	}
	return out
}

func lengths(us []*unit) []int {
	out := make([]int, len(us))
	for i, u := range us {
		out[i] = u.length
	}
	return out
}

// Documents aligns the segments of src with those of its translation tgt
// (read by the same or another format). Every source segment ends up in
// the result's Pairs or Left.
func Documents(src, tgt *pipeline.Document) Result {
	tsegs, hidden := tgt.Segments, 0
	if tgt.Format == pipeline.FormatHTML || tgt.Format == pipeline.FormatMarkdown {
		tsegs, hidden = visible(tgt)
	}
	// Every occurrence of a repeated segment (a "yes" cell in each row)
	// keeps its place, or the blocks after it would shift; the message
	// takes its best pair (result below).
	a := &aligner{src: units(src.Segments), tgt: units(tsegs)}
	a.ratio = expectedRatio(lengths(a.src), lengths(a.tgt))
	a.pairs = make([]*Pair, len(a.src))
	a.why = make([]string, len(a.src))
	a.used = make([]bool, len(a.tgt))
	a.sections()
	a.byAnchors()
	best, text, differ := map[string]int{}, map[string]string{}, map[string]bool{}
	for i, p := range a.pairs {
		if p == nil {
			continue
		}
		if j, ok := best[p.ID]; !ok || p.Confidence > a.pairs[j].Confidence {
			best[p.ID] = i
		}
		if t, ok := text[p.ID]; ok && t != p.Text {
			differ[p.ID] = true
		}
		text[p.ID] = p.Text
	}
	done := map[string]bool{}
	var r Result
	for i, u := range a.src {
		if done[u.seg.ID] {
			continue
		}
		done[u.seg.ID] = true
		if j, ok := best[u.seg.ID]; ok {
			p := *a.pairs[j]
			if differ[p.ID] {
				// Its occurrences found different translations.
				p.Confidence = min(p.Confidence, round(Doubtful-0.05))
			}
			r.Pairs = append(r.Pairs, p)
			continue
		}
		switch {
		case strings.HasPrefix(a.why[i], "tags: "):
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: a.why[i], Why: WhyTags})
		case a.why[i] == sameText:
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: a.why[i], Why: WhySame})
		case a.why[i] != "":
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: a.why[i], Why: WhyUnmatched})
		case a.keptAsIs(u):
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: "the translation keeps it as written", Why: WhySame})
		case hidden > 0 && len(a.tgt) == 0:
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: "the translation's text is hidden from its readers", Why: WhyHidden})
		case len(a.tgt) == 0:
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: "the translation is empty", Why: WhyUnmatched})
		default:
			r.Left = append(r.Left, Left{ID: u.seg.ID, Reason: "no counterpart in the translation", Why: WhyUnmatched})
		}
	}
	return r
}

// ratioPrior is the expected Spanish length per English character, and
// ratioWeight how many source characters of measurement it is worth: a
// short document's own ratio is skewed by a single paragraph the other
// side lacks, which would then look like an expected length and shift
// every pair after it.
const (
	ratioPrior  = 1.15
	ratioWeight = 2000
)

// expectedRatio is the two sides' measured ratio (Ratio) drawn towards
// ratioPrior as much as the document is short.
func expectedRatio(src, tgt []int) float64 {
	var a, b int
	for _, n := range src {
		a += n
	}
	for _, n := range tgt {
		b += n
	}
	if a == 0 || b == 0 {
		return ratioPrior
	}
	r := Ratio(src, tgt)
	return (r*float64(a) + ratioPrior*ratioWeight) / float64(a+ratioWeight)
}

type aligner struct {
	src, tgt []*unit
	ratio    float64
	pairs    []*Pair
	why      []string
	used     []bool
}

// keptAsIs reports whether the translation has the source unit's text as
// it is (a name as a heading, a command), though in no place the
// alignment could pair: nothing to take, and nothing missing either.
func (a *aligner) keptAsIs(u *unit) bool {
	text := strings.TrimSpace(placeholder.Strip(u.seg.Text))
	if text == "" {
		return false
	}
	for _, t := range a.tgt {
		if strings.TrimSpace(placeholder.Strip(t.seg.Text)) == text {
			return true
		}
	}
	return false
}

const sameText = "the translation is the source text itself"

// span is a section: a heading and the blocks up to the next one, as
// ranges [from, to) of each side's units.
type span struct{ from, to int }

func sectionsOf(us []*unit) []span {
	if len(us) == 0 {
		return nil // an empty document has no section, not an empty one
	}
	var out []span
	start := 0
	for i, u := range us {
		if (u.seg.Kind == pipeline.KindHeading || u.seg.Kind == pipeline.KindTitle) && i > start {
			out = append(out, span{start, i})
			start = i
		}
	}
	return append(out, span{start, len(us)})
}

func sectionLengths(us []*unit, ss []span) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		for _, u := range us[s.from:s.to] {
			out[i] += u.length
		}
	}
	return out
}

// sections aligns the two sides' sections (structure first: a section
// missing on one side is skipped whole), then the blocks of each pair.
func (a *aligner) sections() {
	ss, ts := sectionsOf(a.src), sectionsOf(a.tgt)
	beads := GaleChurch(sectionLengths(a.src, ss), sectionLengths(a.tgt, ts), a.ratio, func(s, ns, t, nt int) float64 {
		if ns > 1 || nt > 1 {
			return math.Inf(1) // a section is never split
		}
		if ns == 0 || nt == 0 {
			return 0
		}
		if heads(a.src[ss[s].from]) != heads(a.tgt[ts[t].from]) {
			return math.Inf(1)
		}
		// Bounded below the cost of skipping both sections: one code
		// span that differs leaves its block, never a whole section.
		return min(sectionAnchorCap, anchorCost(a.src[ss[s].from:ss[s].to], a.tgt[ts[t].from:ts[t].to]))
	})
	for _, b := range beads {
		if b.Src == 1 && b.Tgt == 1 {
			a.blocks(ss[b.S], ts[b.T])
		}
	}
}

// sectionAnchorCap bounds what anchors may add to a pair of sections:
// less than two skips cost (2·−ln 0.0099 ≈ 9.2), so that sections whose
// structure agrees pair even when one block's code differs.
const sectionAnchorCap = 4

// anchorCost weighs the anchors of two stretches in a bead's cost: up to
// 10 as their numbers, URLs and code disagree, which translations of each
// other rarely do (6 when one side has none: a number may be spelled
// out), and up to 1.5 as their proper nouns do, which translations may
// change (Peru, Perú).
func anchorCost(src, tgt []*unit) float64 {
	if len(src) == 1 && len(tgt) == 1 {
		// The common case, without building maps.
		return anchorsCost(src[0].anchors, tgt[0].anchors)
	}
	as, at := Anchors{}, Anchors{}
	for _, u := range src {
		as.Add(u.anchors)
	}
	for _, u := range tgt {
		at.Add(u.anchors)
	}
	return anchorsCost(as, at)
}

func anchorsCost(as, at Anchors) float64 {
	if len(as) == 0 && len(at) == 0 {
		return 0
	}
	cost := 0.0
	var hs, ht, ss, st float64 // hard and soft totals
	var hBoth, sBoth float64
	for k, n := range as {
		if soft(k) {
			ss += float64(n)
			sBoth += float64(min(n, at[k]))
		} else {
			hs += float64(n)
			hBoth += float64(min(n, at[k]))
		}
	}
	for k, n := range at {
		if soft(k) {
			st += float64(n)
		} else {
			ht += float64(n)
		}
	}
	switch {
	case hs > 0 && ht > 0:
		cost += 10 * (1 - 2*hBoth/(hs+ht))
	case hs > 0 || ht > 0:
		cost += 6
	}
	if ss > 0 && st > 0 {
		cost += 1.5 * (1 - 2*sBoth/(ss+st))
	}
	return cost
}

func hasHard(a Anchors) bool {
	for k := range a {
		if !soft(k) {
			return true
		}
	}
	return false
}

func heads(u *unit) bool {
	return u.seg.Kind == pipeline.KindHeading || u.seg.Kind == pipeline.KindTitle
}

// mergeable kinds may be split differently by the two sides.
func mergeable(k pipeline.Kind) bool {
	return k == pipeline.KindParagraph || k == pipeline.KindListItem
}

// pair gives source unit i the translation of target units [j, j+n).
func (a *aligner) pair(i, j, n int, conf float64, by string) {
	var pieces []piece
	for _, u := range a.tgt[j : j+n] {
		pieces = append(pieces, piece{u.seg.Text, u.seg.Placeholders})
	}
	a.set(i, pieces, a.tgt[j].seg, conf, by)
	for k := j; k < j+n; k++ {
		a.used[k] = true
	}
}

func (a *aligner) set(i int, pieces []piece, at *pipeline.Segment, conf float64, by string) {
	src := a.src[i].seg
	text, err := mapTags(src.Placeholders, pieces)
	if err != nil {
		a.why[i] = "tags: " + err.Error()
		return
	}
	if text == src.Text && len(strings.Fields(placeholder.Strip(text))) > 3 {
		// The translated edition left it in English: nothing to take.
		a.why[i] = sameText
		return
	}
	if text == "" {
		return
	}
	a.pairs[i] = &Pair{ID: src.ID, Text: text, Confidence: round(conf), Line: at.Line, Col: at.Col, By: by}
	a.why[i] = ""
}

func round(f float64) float64 { return math.Round(min(1, max(0, f))*100) / 100 }

// sentences shares out the translation of ns source blocks split
// differently in the translation (nt blocks): the sentences of both sides
// are aligned by length, and each source block takes the target sentences
// aligned with its own.
func (a *aligner) sentences(i, ns, j, nt int, conf float64) {
	type sent struct {
		text    string
		owner   int
		length  int
		anchors Anchors
	}
	split := func(us []*unit) []sent {
		var out []sent
		for k, u := range us {
			for _, s := range Sentences(u.seg.Text) {
				out = append(out, sent{s, k, utf8.RuneCountInString(placeholder.Strip(s)), AnchorsOf(s, u.seg.Placeholders)})
			}
		}
		return out
	}
	ss, ts := split(a.src[i:i+ns]), split(a.tgt[j:j+nt])
	ls, lt := make([]int, len(ss)), make([]int, len(ts))
	for k := range ss {
		ls[k] = ss[k].length
	}
	for k := range ts {
		lt[k] = ts[k].length
	}
	got := make([][]piece, ns)
	costs := make([]float64, ns)
	beads := GaleChurch(ls, lt, a.ratio, func(s, ns, t, nt int) float64 {
		switch {
		case ns == 0 || nt == 0:
			return 0
		case ns > 1 && nt > 1:
			return math.Inf(1) // it would share out nothing
		}
		as, at := Anchors{}, Anchors{}
		for _, x := range ss[s : s+ns] {
			as.Add(x.anchors)
		}
		for _, x := range ts[t : t+nt] {
			at.Add(x.anchors)
		}
		return anchorsCost(as, at)
	})
	taken := map[int]bool{}
	for _, b := range beads {
		if b.Src == 0 {
			continue // a sentence the source does not have
		}
		owner := ss[b.S].owner
		for _, t := range ts[b.T : b.T+b.Tgt] {
			got[owner] = append(got[owner], piece{t.text, a.tgt[j+t.owner].seg.Placeholders})
			taken[j+t.owner] = true
		}
		costs[owner] += b.Cost
	}
	for k := range ns {
		if len(got[k]) == 0 {
			a.why[i+k] = "no sentence of the translation matches it"
			continue
		}
		a.set(i+k, got[k], a.tgt[j].seg, conf*math.Exp(-costs[k]/8), "sentences")
	}
	for k := range taken {
		a.used[k] = true
	}
}

// byAnchors pairs what is left on both sides (reordered blocks, blocks
// of sections the structure could not pair) when their anchors agree and
// their lengths are plausible, best pairs first.
func (a *aligner) byAnchors() {
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	for i, su := range a.src {
		if a.pairs[i] != nil || len(su.anchors) == 0 {
			continue
		}
		for j, tu := range a.tgt {
			if a.used[j] || blockKind(tu.seg.Kind) != blockKind(su.seg.Kind) {
				continue
			}
			score, any := Agreement(su.anchors, tu.anchors)
			if !any || score < 0.6 || !sharesHard(su.anchors, tu.anchors) {
				continue
			}
			p := MatchProbability(su.length, tu.length, a.ratio)
			if p < 0.05 {
				continue
			}
			cands = append(cands, cand{i, j, score * math.Sqrt(p)})
		}
	}
	sort.SliceStable(cands, func(x, y int) bool { return cands[x].score > cands[y].score })
	for _, c := range cands {
		if a.pairs[c.i] != nil || a.used[c.j] {
			continue
		}
		a.pair(c.i, c.j, 1, 0.8*c.score, "anchors")
	}
}

// sharesHard reports whether two segments share a hard anchor: a name
// or a link alone pairs too much.
func sharesHard(a, b Anchors) bool {
	for k := range a {
		if !soft(k) && b[k] > 0 {
			return true
		}
	}
	return false
}

// String is a one-line summary, for logs and tests.
func (p Pair) String() string {
	return fmt.Sprintf("%s %.2f %s: %s", p.ID, p.Confidence, p.By, p.Text)
}
