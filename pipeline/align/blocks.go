package align

import (
	"math"

	"github.com/quipu-l10n/quipu/pipeline"
)

// blocks aligns the blocks of one pair of sections by kind and length,
// anchors weighing in.
func (a *aligner) blocks(s, t span) {
	src, tgt := a.src[s.from:s.to], a.tgt[t.from:t.to]
	beads := GaleChurch(lengths(src), lengths(tgt), a.ratio, func(i, ns, j, nt int) float64 {
		if ns == 0 || nt == 0 {
			return 0
		}
		kind := blockKind(src[i].seg.Kind)
		for _, u := range append(src[i:i+ns:i+ns], tgt[j:j+nt]...) {
			if blockKind(u.seg.Kind) != kind {
				return math.Inf(1)
			}
		}
		if (ns > 1 || nt > 1) && !mergeable(kind) {
			return math.Inf(1)
		}
		cost := anchorCost(src[i:i+ns], tgt[j:j+nt])
		if ns+nt > 2 {
			// Blocks split differently still hold the same sentences.
			cost += sentenceCost * math.Abs(float64(sentenceCount(src[i:i+ns])-sentenceCount(tgt[j:j+nt])))
		}
		return cost
	})
	beads = a.absorb(src, tgt, beads)
	// Cells carry no row or column: a table the translation gives
	// another number of cells (a column dropped, cells merged) is paired
	// by length alone, which shifts short cells, so none of its pairs
	// passes as sure.
	reshaped := count(src, pipeline.KindTableCell) != count(tgt, pipeline.KindTableCell)
	for k, b := range beads {
		if b.Src == 0 || b.Tgt == 0 {
			if k+1 < len(beads) && b.Src+beads[k+1].Src == 1 && b.Tgt+beads[k+1].Tgt == 1 {
				// A block each side lacks, in the same place: most
				// likely each other's translation that lengths or
				// anchors disagree on. Paired, doubtful, so that a
				// code span that differs is left for its tags.
				x, y := b, beads[k+1]
				if x.Src == 0 {
					x, y = y, x
				}
				a.pairDoubtful(s.from+x.S, t.from+y.T, src[x.S], tgt[y.T])
			}
			continue
		}
		conf := confidence(b)
		if reshaped && src[b.S].seg.Kind == pipeline.KindTableCell {
			conf = min(conf, Doubtful-0.05)
		}
		if b.Src == 1 {
			by := "structure"
			if b.Tgt > 1 {
				by = "sentences"
			}
			if sentenceCount(src[b.S:b.S+1]) > sentenceCount(tgt[b.T:b.T+b.Tgt]) && MatchProbability(src[b.S].length, sumLengths(tgt[b.T:b.T+b.Tgt]), a.ratio) < 0.2 {
				// Sentences of the source may have found no place in
				// the translation: a person must look.
				conf = min(conf, Doubtful-0.05)
			}
			a.pair(s.from+b.S, t.from+b.T, b.Tgt, conf, by)
			continue
		}
		a.sentences(s.from+b.S, b.Src, t.from+b.T, b.Tgt, 0.9*conf)
	}
}

// blockKind is the kind two sides' blocks must share to be paired: a
// title is a heading, since formats tell them apart differently (a
// Markdown page's first "# " is its title, an HTML page's <h1> a heading
// beside its <title>).
func blockKind(k pipeline.Kind) pipeline.Kind {
	if k == pipeline.KindTitle {
		return pipeline.KindHeading
	}
	return k
}

// sentenceCost is what each sentence more or fewer costs a bead of
// blocks split differently by the two sides.
const sentenceCost = 1.5

// confidence turns a bead's cost, less its kind's prior, into a
// confidence: 1 for lengths and anchors as expected, below Doubtful as
// they disagree (two standard deviations of length apart, a hard anchor
// differing).
func confidence(b Bead) float64 {
	prior := 0.0
	for _, pr := range priors {
		if pr.src == b.Src && pr.tgt == b.Tgt {
			prior = -math.Log(pr.p)
		}
	}
	return math.Exp(-(b.Cost - prior) / 3)
}

func count(us []*unit, k pipeline.Kind) int {
	n := 0
	for _, u := range us {
		if u.seg.Kind == k {
			n++
		}
	}
	return n
}

func sentenceCount(us []*unit) int {
	n := 0
	for _, u := range us {
		n += u.sentences
	}
	return n
}

func sumLengths(us []*unit) int {
	n := 0
	for _, u := range us {
		n += u.length
	}
	return n
}

// absorb joins to a 1-n bead the target blocks skipped right before or
// after it, of its kind, while the source block has sentences the
// bead's blocks do not: a paragraph the translation split in more parts
// than a bead holds keeps every sentence.
func (a *aligner) absorb(src, tgt []*unit, beads []Bead) []Bead {
	skipped := func(k int, kind pipeline.Kind) bool {
		return k >= 0 && k < len(beads) && beads[k].Src == 0 && beads[k].Tgt == 1 && tgt[beads[k].T].seg.Kind == kind
	}
	for k := 0; k < len(beads); k++ {
		b := beads[k]
		if b.Src != 1 || b.Tgt == 0 || !mergeable(src[b.S].seg.Kind) {
			continue
		}
		kind := src[b.S].seg.Kind
		want := sentenceCount(src[b.S : b.S+1])
		for sentenceCount(tgt[beads[k].T:beads[k].T+beads[k].Tgt]) < want {
			switch {
			case skipped(k+1, kind):
				beads[k].Tgt++
				beads[k].Cost += beads[k+1].Cost
				beads = append(beads[:k+1], beads[k+2:]...)
			case skipped(k-1, kind):
				beads[k].T--
				beads[k].Tgt++
				beads[k].Cost += beads[k-1].Cost
				beads = append(beads[:k-1], beads[k:]...)
				k--
			default:
				goto next
			}
			// The bead is no longer the kind its prior was for; its
			// confidence is that of its lengths.
			beads[k].Cost = LengthCost(src[b.S].length, sumLengths(tgt[beads[k].T:beads[k].T+beads[k].Tgt]), a.ratio) - math.Log(0.089)
		}
	next:
	}
	return beads
}

// pairDoubtful pairs source unit i with target unit j, both skipped by
// the length alignment, as a doubtful pair.
func (a *aligner) pairDoubtful(i, j int, su, tu *unit) {
	if blockKind(su.seg.Kind) != blockKind(tu.seg.Kind) || a.used[j] || a.pairs[i] != nil || a.why[i] != "" {
		return
	}
	conf := min(Doubtful-0.05, MatchProbability(su.length, tu.length, a.ratio))
	a.pair(i, j, 1, conf, "structure")
}
