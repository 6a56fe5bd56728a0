package say

import "testing"

// TestCountAgreesWithItsNoun protects "1 document" from becoming
// "1 documents".
func TestCountAgreesWithItsNoun(t *testing.T) {
	for _, tc := range []struct {
		id   string
		n    int
		want string
	}{
		{"Document", 0, "0 documents"},
		{"Document", 1, "1 document"},
		{"Document", 7425, "7,425 documents"},
		{"Finding", 1, "1 finding"},
		{"FileChanged", 1, "1 file changed"},
		{"FileChanged", 2, "2 files changed"},
		{"Error", 1, "1 error"},
		{"More", 14845, "… and 14,845 more (-v lists them all)"},
	} {
		if got := Count(tc.id, tc.n); got != tc.want {
			t.Errorf("Count(%q, %d) = %q, want %q", tc.id, tc.n, got, tc.want)
		}
	}
}

// TestPercentRoundsDown protects coverage figures: 99.996% is not shown
// as complete, and every command rounds alike.
func TestPercentRoundsDown(t *testing.T) {
	for p, want := range map[float64]string{100: "100.00%", 99.996: "99.99%", 0: "0.00%", 50: "50.00%", 33.3333: "33.33%", 12.35: "12.35%", 70: "70.00%", 3.44: "3.44%"} {
		if got := Percent(p); got != want {
			t.Errorf("Percent(%v) = %q, want %q", p, got, want)
		}
	}
}
