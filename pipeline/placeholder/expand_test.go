package placeholder_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// TestExpand protects the one way tags turn back into the markup they
// stand for, which every format's writer uses.
func TestExpand(t *testing.T) {
	phs := []pipeline.Placeholder{
		{Kind: pipeline.Paired, Open: "[", Close: "](https://example.com)"},
		{Kind: pipeline.Standalone, Open: "`code`"},
	}
	for _, tt := range []struct{ msg, want string }{
		{"plain", "plain"},
		{"Lea la <1>guía</1> y <2/>.", "Lea la [guía](https://example.com) y `code`."},
		{"<2/><1></1>", "`code`[](https://example.com)"},
		{"a < b <1 /> c", "a < b <1 /> c"},
		{"unknown <9/> tag", "unknown  tag"},
	} {
		if got := placeholder.Expand(placeholder.Parse(tt.msg), phs); got != tt.want {
			t.Errorf("Expand(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}
