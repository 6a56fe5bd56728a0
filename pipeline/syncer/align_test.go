package syncer

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// TestMemoryIgnoresDrafts: an aligned draft feeds translation memory only
// once a person marks it translated.
func TestMemoryIgnoresDrafts(t *testing.T) {
	for _, tc := range []struct {
		state catalog.State
		want  bool
	}{
		{catalog.Aligned, false},
		{catalog.Stale, false},
		{catalog.Translated, true},
		{catalog.Reviewed, true},
	} {
		m := &catalog.Message{Other: "Hola.", State: tc.state}
		if got := forMemory(m); got != tc.want {
			t.Errorf("%q: forMemory = %v, want %v", tc.state, got, tc.want)
		}
	}
}
