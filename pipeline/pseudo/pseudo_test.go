package pseudo_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

func TestTranslate(t *testing.T) {
	in := "Create an <1>archive</1> from <2/> &amp; keep \\* as is"
	out := pseudo.Translate(in)
	tags := func(s string) (out []string) {
		for _, tok := range placeholder.Parse(s) {
			if tok.Kind != placeholder.Text {
				out = append(out, tok.Text)
			}
		}
		return out
	}
	if got, want := strings.Join(tags(out), " "), "<1> </1> <2/>"; got != want {
		t.Errorf("tags %q, want %q", got, want)
	}
	for _, keep := range []string{"&amp;", "\\*"} {
		if !strings.Contains(out, keep) {
			t.Errorf("%q lost in %q", keep, out)
		}
	}
	if strings.ContainsAny(strings.ReplaceAll(placeholder.Strip(out), "&amp;", ""), "aeiouCr") {
		t.Errorf("ASCII letters left in %q", out)
	}
	if r := float64(utf8.RuneCountInString(out)) / float64(utf8.RuneCountInString(in)); r < 1.2 {
		t.Errorf("pseudo text only %.0f%% of the source's length", r*100)
	}
}

// TestSegmentKeepsAttributeListsLast: an attribute list ends its line
// after the pseudo-translation's closing bracket, where Hugo and
// Python-Markdown still read it, as after a link whose brackets go
// inside it.
func TestSegmentKeepsAttributeListsLast(t *testing.T) {
	attrs := pipeline.Placeholder{Kind: pipeline.Standalone, Open: "{.lead}", Label: pseudo.AttributesLabel}
	link := pipeline.Placeholder{Kind: pipeline.Paired, Open: "[", Close: "](guide.md)", Label: "link guide.md"}
	img := pipeline.Placeholder{Kind: pipeline.Standalone, Open: "![x](y.png)", Label: "image y.png"}
	for _, c := range []struct {
		text string
		phs  []pipeline.Placeholder
		want string
	}{
		{"A lead.\n<1/>", []pipeline.Placeholder{attrs}, "⟦ÁÁ ļééááð.⟧\n<1/>"},
		{"A lead. <1/>", []pipeline.Placeholder{attrs}, "⟦ÁÁ ļééááð.⟧ <1/>"},
		{"<1>Guide</1><2/>", []pipeline.Placeholder{link, attrs}, "<1>⟦Ĝúúííðéé⟧</1><2/>"},
		{"See <1/>", []pipeline.Placeholder{img}, "⟦Šéééé <1/>⟧"},
	} {
		if got := pseudo.Segment(&pipeline.Segment{Text: c.text, Placeholders: c.phs}); got != c.want {
			t.Errorf("Segment(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
