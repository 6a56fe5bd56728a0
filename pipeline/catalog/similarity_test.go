package catalog_test

import (
	"math"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// TestSimilarity protects the word-level score that decides whether an
// edited segment inherits a vanished one's translation: words, not
// letters, are edited, case and punctuation do not count, tags are words.
func TestSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"Display help.", "display help", 1},
		{"Display the help", "Display the version", 2.0 / 3},
		{"one two three four", "one three four", 0.75},
		{"a b c d", "d c b a", 0},
		{"Read <1>the guide</1>", "Read the guide", 0.6},
		{"word word word", "word", 1.0 / 3},
		{"Perú está lejos", "Perú está cerca", 2.0 / 3},
	} {
		if got := catalog.Similarity(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
