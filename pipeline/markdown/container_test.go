package markdown_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// TestAddedLinesStayInTheirContainer: a line break in the translation of
// a one-line paragraph is followed by the indentation of its container,
// so the added line stays in an MkDocs admonition, a list item under it,
// or a blockquote, and a hostile admonition marker stays text there.
func TestAddedLinesStayInTheirContainer(t *testing.T) {
	for _, c := range []struct{ name, src, tr, want string }{
		{"admonition body", "!!! note\n    Drink it.\n\nAfter.\n", "Una línea\nen dos.", "!!! note\n    Una línea\n    en dos.\n\nAfter.\n"},
		{"list item in an admonition", "!!! note\n    - Drink it.\n\nAfter.\n", "Una línea\nen dos.", "!!! note\n    - Una línea\n      en dos.\n\nAfter.\n"},
		{"blockquote", "> Drink it.\n", "Una línea\nen dos.", "> Una línea\n> en dos.\n"},
		{"admonition marker in an admonition body", "!!! note\n    Drink it.\n\nAfter.\n", "Bébalo.\n!!! danger \"x\"\n    oops", "!!! note\n    Bébalo.\n    \\!!! danger \"x\"\n    oops\n\nAfter.\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := markdown.Extract("page.md", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			tr := func(s *pipeline.Segment) (string, bool) {
				if s.Text == "Drink it." {
					return c.tr, true
				}
				return s.Text, true
			}
			out, _, rej, _ := markdown.Localize(doc, tr)
			if len(rej) > 0 {
				t.Fatalf("rejected: %+v", rej[0].Problems)
			}
			if string(out) != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", out, c.want)
			}
		})
	}
}
