package markdown_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

func identity(seg *pipeline.Segment) (string, bool) { return seg.Text, true }

// spliced reassembles doc through the real substitution path (no shortcut
// for unchanged text, no escaping), which must reproduce the source.
func spliced(t testing.TB, doc *pipeline.Document) []byte {
	var out []byte
	prev := 0
	for _, seg := range doc.Segments {
		out = append(out, doc.Source[prev:seg.Start()]...)
		b, probs := markdown.Render(doc.Source, seg, seg.Text, false)
		if len(probs) > 0 {
			t.Fatalf("%s: own text has tag problems: %v", doc.Path, probs)
		}
		out = append(out, b...)
		prev = seg.Stop()
	}
	return append(out, doc.Source[prev:]...)
}

func renderHTML(t testing.TB, src []byte) string {
	var buf bytes.Buffer
	if err := markdown.New().Convert(src, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestCommonMarkIdentity(t *testing.T) {
	examples := testshared.CommonMark(t)
	exact, equivalent := 0, 0
	for _, ex := range examples {
		src := []byte(ex.Markdown)
		doc, err := markdown.Extract("example.md", src)
		if err != nil {
			t.Fatalf("example %d: %v", ex.Example, err)
		}
		out, rej := markdown.Assemble(doc, identity, true)
		if len(rej) > 0 {
			t.Errorf("example %d: rejected %v", ex.Example, rej)
		}
		if !bytes.Equal(out, src) {
			t.Errorf("example %d: identity build differs:\n got %q\nwant %q", ex.Example, out, src)
			continue
		}
		if sp := spliced(t, doc); !bytes.Equal(sp, src) {
			t.Errorf("example %d: spliced build differs:\n got %q\nwant %q", ex.Example, sp, src)
			continue
		}
		exact++
		if renderHTML(t, out) == renderHTML(t, src) {
			equivalent++
		}
	}
	t.Logf("identity round-trip: %d/%d byte-exact, %d/%d render the same HTML", exact, len(examples), equivalent, len(examples))
	if exact != len(examples) || equivalent != len(examples) {
		t.Fail()
	}
}

func TestCommonMarkPseudo(t *testing.T) {
	examples := testshared.CommonMark(t)
	same := 0
	for _, ex := range examples {
		src := []byte(ex.Markdown)
		doc, _ := markdown.Extract("example.md", src)
		out, _, rej, _ := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return pseudo.Segment(s), true })
		if len(rej) > 0 {
			t.Errorf("example %d: rejected %v", ex.Example, rej)
		}
		if d := markdown.CompareShape(src, out); d != "" {
			t.Errorf("example %d: pseudo-translation changed the structure: %s\nsrc %q\nout %q", ex.Example, d, src, out)
			continue
		}
		same++
	}
	t.Logf("pseudo-translation keeps structure: %d/%d", same, len(examples))
}

func TestTldrPseudo(t *testing.T) {
	pages := testshared.TldrPages(t)
	same, segs := 0, 0
	for _, p := range pages {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := markdown.Extract(p, src)
		segs += len(doc.Segments)
		out, _ := markdown.Assemble(doc, identity, true)
		if !bytes.Equal(out, src) {
			t.Errorf("%s: identity build differs", p)
			continue
		}
		out, _, rej, _ := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return pseudo.Segment(s), true })
		if len(rej) > 0 {
			t.Errorf("%s: rejected %v", p, rej)
		}
		if d := markdown.CompareShape(src, out); d != "" {
			t.Errorf("%s: pseudo-translation changed the structure: %s", p, d)
			continue
		}
		same++
	}
	t.Logf("tldr: %d/%d pages keep their structure under pseudo-translation (%d segments)", same, len(pages), segs)
}
