package markdown_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

func pseudoTranslate(s *pipeline.Segment) (string, bool) { return pseudo.Segment(s), true }

// TestDeepNesting splits, rebuilds and pseudo-translates documents nested
// 1,000 levels deep (10,000 with QUIPU_SCALE=1: goldmark's parsing grows faster
// than the depth): no crash, no stack exhaustion, an exact identity build
// and no markup added.
func TestDeepNesting(t *testing.T) {
	depth := 1000
	if testshared.Scale() {
		depth = 10000
	}
	cases := map[string]string{
		"blockquotes":         strings.Repeat(">", depth) + " deep\n",
		"blockquotes, spaced": strings.Repeat("> ", depth) + "deep\nlazy line\n",
		"bullet lists":        strings.Repeat("- ", depth) + "deep\n",
		"ordered lists":       strings.Repeat("1. ", depth) + "deep\n",
		"emphasis":            strings.Repeat("*", depth) + "deep" + strings.Repeat("*", depth) + "\n",
		"links":               strings.Repeat("[", depth) + "deep" + strings.Repeat("](u)", depth) + "\n",
		"images":              strings.Repeat("![", depth) + "deep" + strings.Repeat("](u)", depth) + "\n",
		"inline HTML":         strings.Repeat("<b>", depth) + "deep" + strings.Repeat("</b>", depth) + "\n",
		"code span fence":     strings.Repeat("`", depth) + "deep\n",
	}
	if testshared.Scale() {
		// Nesting by indentation makes the document itself quadratic in
		// its depth: 300 levels are a 90 kB document.
		var b strings.Builder
		for i := range 300 {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		cases["indented lists"] = b.String()
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			checkDocument(t, []byte(src), false)
		})
	}
}

// TestLargeDocument does the same with a generated 50 MB document of
// ordinary content, whose pseudo-translation must keep its exact shape.
func TestLargeDocument(t *testing.T) {
	testshared.SkipUnlessScale(t, "the 50 MB document")
	var b bytes.Buffer
	for i := 0; b.Len() < 50<<20; i++ {
		fmt.Fprintf(&b, "## Section %d\n\nParagraph %d with *emphasis*, a [link](https://example.com/%d) and `code %d`,\nover two lines.\n\n- item %d\n- [ ] task with **strong**\n\n> quoted %d\n\n| a | b |\n| --- | --- |\n| cell %d | cell |\n\n", i, i, i, i, i, i, i)
	}
	checkDocument(t, b.Bytes(), true)
}

func checkDocument(t *testing.T, src []byte, exactShape bool) {
	t.Helper()
	doc, err := markdown.Extract("big.md", src)
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := markdown.Assemble(doc, identity, true); !bytes.Equal(out, src) {
		t.Fatal("identity build differs")
	}
	if sp := spliced(t, doc); !bytes.Equal(sp, src) {
		t.Fatal("spliced identity build differs")
	}
	out, root, rej, changed := markdown.Localize(doc, pseudoTranslate)
	if len(rej) > 0 {
		t.Fatalf("pseudo-translation rejected: %+v", rej[0].Problems)
	}
	want, got := markdown.Shape(markdown.Parse(src), src), markdown.Shape(root, out)
	if d := notIn(got, want); d != "" {
		t.Fatalf("pseudo-translation added %s", d)
	}
	if (exactShape || !changed) && len(got) != len(want) {
		t.Fatalf("pseudo-translation changed the shape (changed=%v)", changed)
	}
	t.Logf("%d bytes, %d segments", len(src), len(doc.Segments))
}
