package align

import "math"

// Bead is one step of a length-based alignment: Src items of the source
// from S, Tgt items of the target from T (either count may be zero).
type Bead struct {
	S, Src, T, Tgt int
	// Cost is the bead's share of the alignment's cost: -ln of its
	// probability, as Gale and Church define it.
	Cost float64
}

// Gale and Church's parameters ("A Program for Aligning Sentences in
// Bilingual Corpora", Computational Linguistics 19(1), 1993): the variance
// of the length difference per source character, and the prior
// probability of each kind of bead (their Table 5).
const (
	Variance = 6.8
)

var priors = []struct {
	src, tgt int
	p        float64
}{
	{1, 1, 0.89},
	{1, 0, 0.0099}, {0, 1, 0.0099},
	{2, 1, 0.089}, {1, 2, 0.089},
	{2, 2, 0.011},
	// Not in Gale and Church's table: documents, unlike their parallel
	// sentences, split a paragraph in three often enough.
	{1, 3, 0.005}, {3, 1, 0.005},
}

// LengthCost is Gale and Church's distance for a source text of l1
// characters matched with a target text of l2: with δ = (l2 − l1·c) /
// √(l1·s²), it is −ln(2·(1 − Φ(|δ|))), Φ the standard normal distribution.
// c is the expected number of target characters per source character.
// An empty source side measures the target against its own expected
// source length.
func LengthCost(l1, l2 int, c float64) float64 {
	if l1 == 0 && l2 == 0 {
		return 0
	}
	base := float64(l1)
	if l1 == 0 {
		base = float64(l2) / c
	}
	delta := (float64(l2) - float64(l1)*c) / math.Sqrt(base*Variance)
	// 2·(1 − Φ(|δ|)) = erfc(|δ|/√2).
	p := math.Erfc(math.Abs(delta) / math.Sqrt2)
	if p < 1e-300 {
		p = 1e-300
	}
	return -math.Log(p)
}

// MatchProbability is 2·(1 − Φ(|δ|)) for the two lengths: 1 when they are
// as expected, falling towards 0 as they drift apart.
func MatchProbability(l1, l2 int, c float64) float64 {
	return math.Exp(-LengthCost(l1, l2, c))
}

// Ratio is the expected target length per source character, measured on
// the two sides' totals and kept within reason.
func Ratio(src, tgt []int) float64 {
	var a, b int
	for _, n := range src {
		a += n
	}
	for _, n := range tgt {
		b += n
	}
	if a == 0 || b == 0 {
		return 1
	}
	return min(2, max(0.5, float64(b)/float64(a)))
}

// Extra adds a cost to a candidate bead (src items from s, tgt from t);
// +Inf forbids it. It is how structure and anchors weigh in.
type Extra func(s, src, t, tgt int) float64

// GaleChurch aligns two sequences of lengths monotonically, by dynamic
// programming over the beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2, each costing
// −ln P(bead kind) + LengthCost + extra (a skip, 1-0 or 0-1, costs no
// length). It returns the beads in order,
// covering both sequences.
func GaleChurch(src, tgt []int, c float64, extra Extra) []Bead {
	n, m := len(src), len(tgt)
	inf := math.Inf(1)
	b := newBand(n, m)
	cost := make([][]float64, n+1)
	back := make([][]uint8, n+1)
	for i := range cost {
		cost[i] = make([]float64, b.hi[i]-b.lo[i]+1)
		back[i] = make([]uint8, len(cost[i]))
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	at := func(i, j int) float64 {
		if j < b.lo[i] || j > b.hi[i] {
			return inf
		}
		return cost[i][j-b.lo[i]]
	}
	cost[0][0] = 0
	sum := func(l []int, from, k int) int {
		s := 0
		for _, x := range l[from : from+k] {
			s += x
		}
		return s
	}
	for i := 0; i <= n; i++ {
		for j := b.lo[i]; j <= b.hi[i]; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, how := inf, uint8(0)
			for k, pr := range priors {
				si, tj := i-pr.src, j-pr.tgt
				if si < 0 || tj < 0 || math.IsInf(at(si, tj), 1) {
					continue
				}
				d := at(si, tj) - math.Log(pr.p)
				if pr.src > 0 && pr.tgt > 0 {
					// A skipped item costs its prior alone, not its
					// length: documents lose whole paragraphs and
					// sections, of any length, where sentences of a
					// parallel text rarely vanish.
					d += LengthCost(sum(src, si, pr.src), sum(tgt, tj, pr.tgt), c)
				}
				if extra != nil {
					d += extra(si, pr.src, tj, pr.tgt)
				}
				if d < best {
					best, how = d, uint8(k)
				}
			}
			cost[i][j-b.lo[i]], back[i][j-b.lo[i]] = best, how
		}
	}
	var beads []Bead
	for i, j := n, m; i > 0 || j > 0; {
		pr := priors[back[i][j-b.lo[i]]]
		si, tj := i-pr.src, j-pr.tgt
		beads = append(beads, Bead{S: si, Src: pr.src, T: tj, Tgt: pr.tgt, Cost: at(i, j) - at(si, tj)})
		i, j = si, tj
	}
	for a, b := 0, len(beads)-1; a < b; a, b = a+1, b-1 {
		beads[a], beads[b] = beads[b], beads[a]
	}
	return beads
}

// band bounds the cells the dynamic programming visits: for row i, the
// columns lo[i]..hi[i] around the diagonal, wide enough for any skew
// between the two sides' counts plus a margin. Long documents then cost
// time and memory in proportion to their length, not its square.
type band struct{ lo, hi []int }

// bandMargin is how far off the diagonal (beyond the two sides' difference
// in count) an alignment may wander.
const bandMargin = 400

func newBand(n, m int) band {
	b := band{lo: make([]int, n+1), hi: make([]int, n+1)}
	w := bandMargin + max(n-m, m-n)
	for i := 0; i <= n; i++ {
		center := 0
		if n > 0 {
			center = i * m / n
		}
		b.lo[i], b.hi[i] = max(0, center-w), min(m, center+w)
	}
	// Every row must reach its neighbours' cells, and the corners must be
	// inside.
	b.lo[0], b.hi[n] = 0, m
	return b
}
