package markdown_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// TestLosesMarkupOnlyWhenShownAsText: dropping a tag loses its markup but
// shows nothing as text, so it is no "markup shows as text"; tags moved
// where their markup cannot work are, at the tag responsible.
func TestLosesMarkupOnlyWhenShownAsText(t *testing.T) {
	tests := []struct {
		name, src, tr string
		changed       bool
		offset        int // of the problem; -1 for none
	}{
		{"emphasis dropped", "This is *very* important.\n", "Esto es muy importante.", false, -1},
		{"strong dropped", "This is **very** important.\n", "Esto es muy importante.", false, -1},
		{"one of two dropped", "A *b* and **c** d.\n", "Una b y <2>c</2> d.", false, -1},
		{"emphasis kept", "This is *very* important.\n", "Esto es <1>muy</1> importante.", false, -1},
		{"emphasis around spaces", "This is *very* important here.\n", "muy<1> importante </1>aquí", true, 3},
		{"second tag around spaces", "A *b* and **c** d.\n", "Una <1>b</1> y<2> c </2>d.", true, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := markdown.Extract("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			tr := func(*pipeline.Segment) (string, bool) { return tt.tr, true }
			_, _, rejected, changed := markdown.Localize(doc, tr)
			if len(rejected) > 0 {
				t.Fatalf("rejected: %v", rejected[0].Problems)
			}
			if changed != tt.changed {
				t.Errorf("Localize reports changed %v, want %v", changed, tt.changed)
			}
			lost := markdown.LosesMarkup(doc, tr)
			switch {
			case tt.offset < 0 && len(lost) > 0:
				t.Errorf("reported %v", lost[0].Problem)
			case tt.offset >= 0 && len(lost) != 1:
				t.Errorf("reported %d, want 1", len(lost))
			case tt.offset >= 0:
				if p := lost[0].Problem; p.Offset != tt.offset || p.Code != markdown.CodeMarkupAsText {
					t.Errorf("problem %s at %d, want %s at %d", p.Code, p.Offset, markdown.CodeMarkupAsText, tt.offset)
				}
			}
		})
	}
}
