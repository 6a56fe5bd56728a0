package align

import (
	"math"
	"testing"
)

// The distance is the paper's: δ = (l2 − l1·c)/√(l1·s²), cost
// −ln(2(1−Φ(|δ|))).
func TestLengthCostFollowsGaleChurchFormula(t *testing.T) {
	for _, tc := range []struct {
		l1, l2 int
		c      float64
	}{
		{100, 100, 1}, {100, 110, 1}, {100, 150, 1}, {40, 20, 1.1}, {1000, 1100, 1.1}, {7, 300, 1},
	} {
		delta := (float64(tc.l2) - float64(tc.l1)*tc.c) / math.Sqrt(float64(tc.l1)*6.8)
		phi := 0.5 * (1 + math.Erf(math.Abs(delta)/math.Sqrt2))
		want := -math.Log(2 * (1 - phi))
		if math.IsInf(want, 1) {
			want = -math.Log(1e-300)
		}
		got := LengthCost(tc.l1, tc.l2, tc.c)
		if math.Abs(got-want) > 1e-6*max(1, want) {
			t.Errorf("LengthCost(%d, %d, %g) = %g, want %g", tc.l1, tc.l2, tc.c, got, want)
		}
	}
	if got := LengthCost(0, 0, 1); got != 0 {
		t.Errorf("LengthCost(0, 0) = %g, want 0", got)
	}
	if LengthCost(100, 100, 1) != 0 {
		t.Errorf("equal lengths at c=1 must cost nothing")
	}
	if !(LengthCost(100, 120, 1) < LengthCost(100, 160, 1)) {
		t.Errorf("a larger difference must cost more")
	}
	// The same relative difference is surer on longer texts.
	if !(LengthCost(10, 12, 1) < LengthCost(1000, 1200, 1)) {
		t.Errorf("a 20%% difference over 1000 characters must cost more than over 10")
	}
}

func TestGaleChurchBeads(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src, tgt []int
		want     [][2]int // (Src, Tgt) of each bead
	}{
		{"one to one", []int{100, 50, 200}, []int{105, 48, 210}, [][2]int{{1, 1}, {1, 1}, {1, 1}}},
		{"a sentence split in two", []int{100, 200, 50}, []int{100, 95, 110, 50}, [][2]int{{1, 1}, {1, 2}, {1, 1}}},
		{"two sentences joined", []int{100, 95, 110, 50}, []int{100, 200, 50}, [][2]int{{1, 1}, {2, 1}, {1, 1}}},
		{"a sentence missing", []int{100, 300, 50}, []int{100, 50}, [][2]int{{1, 1}, {1, 0}, {1, 1}}},
		{"a sentence added", []int{100, 50}, []int{100, 300, 50}, [][2]int{{1, 1}, {0, 1}, {1, 1}}},
		{"empty target", []int{10, 20}, nil, [][2]int{{1, 0}, {1, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			beads := GaleChurch(tc.src, tc.tgt, 1, nil)
			var got [][2]int
			s, tg := 0, 0
			for _, b := range beads {
				if b.S != s || b.T != tg {
					t.Fatalf("bead %+v does not follow the previous ones (at %d, %d)", b, s, tg)
				}
				s, tg = s+b.Src, tg+b.Tgt
				got = append(got, [2]int{b.Src, b.Tgt})
			}
			if s != len(tc.src) || tg != len(tc.tgt) {
				t.Fatalf("beads cover %d, %d of %d, %d", s, tg, len(tc.src), len(tc.tgt))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("beads %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("beads %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestGaleChurchExtraForbids(t *testing.T) {
	// Lengths alone pair 100 with 100; the extra cost forbids it.
	beads := GaleChurch([]int{100}, []int{100}, 1, func(s, ns, t, nt int) float64 {
		if ns == 1 && nt == 1 {
			return math.Inf(1)
		}
		return 0
	})
	if len(beads) != 2 || beads[0].Tgt+beads[1].Tgt != 1 || beads[0].Src+beads[1].Src != 1 {
		t.Fatalf("beads %+v, want a skip on each side", beads)
	}
}

func TestRatioIsBounded(t *testing.T) {
	if r := Ratio([]int{100}, []int{120}); math.Abs(r-1.2) > 1e-9 {
		t.Errorf("Ratio = %g, want 1.2", r)
	}
	if r := Ratio([]int{1}, []int{100}); r != 2 {
		t.Errorf("Ratio = %g, want 2 (the bound)", r)
	}
	if r := Ratio(nil, []int{100}); r != 1 {
		t.Errorf("Ratio of nothing = %g, want 1", r)
	}
}

func TestMatchDocuments(t *testing.T) {
	got := MatchDocuments(
		[]string{"guide.md", "faq.md", "old/name.md", "lost.md", "a/b.html"},
		[]string{"guide.md", "faq.html", "new/name.md", "a/b.html", "extra.md"},
		map[string]string{"old/name.md": "new/name.md"},
	)
	want := map[string]string{"guide.md": "guide.md", "faq.md": "faq.html", "old/name.md": "new/name.md", "a/b.html": "a/b.html"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

// Past the band's margin, long sequences still align: the band follows
// the diagonal, and a skip far from the start is found.
func TestGaleChurchLongSequencesStayInBand(t *testing.T) {
	var src, tgt []int
	for i := range 1000 {
		l := 20 + (i*37)%200
		if i == 600 {
			l = 600 // too long to pass for a neighbour's half
		}
		src = append(src, l)
		if i != 600 {
			tgt = append(tgt, l+l/10)
		}
	}
	beads := GaleChurch(src, tgt, 1.1, nil)
	skips := 0
	for _, b := range beads {
		if b.Src != 1 || b.Tgt != 1 {
			if b.Src != 1 || b.Tgt != 0 || b.S != 600 {
				t.Fatalf("unexpected bead %+v", b)
			}
			skips++
		}
	}
	if skips != 1 || len(beads) != 1000 {
		t.Fatalf("%d beads, %d skips; want 1000 with the one skip at 600", len(beads), skips)
	}
}
