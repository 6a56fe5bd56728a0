package markdown_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

// dump describes a document's segments the way a reviewer reads them.
func dump(doc *pipeline.Document) string {
	var b strings.Builder
	for _, s := range doc.Segments {
		fmt.Fprintf(&b, "%s %d:%d %s\n  text: %q\n", s.ID, s.Line, s.Col, s.Kind, s.Text)
		for i, ph := range s.Placeholders {
			open, close := pipeline.Tag(i+1, ph.Kind)
			fmt.Fprintf(&b, "  %s%s = %q %q (%s)\n", open, close, ph.Open, ph.Close, ph.Label)
		}
	}
	return b.String()
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestFixtures runs the repository's own Markdown fixtures through
// extraction (golden segment dumps), identity builds and pseudo-translation
// (golden output, same shape), so the suite means something without
// ../shared.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	mdx, _ := filepath.Glob(filepath.Join("testdata", "*.mdx"))
	files = append(files, mdx...)
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures in testdata/")
	}
	for _, file := range files {
		ext := filepath.Ext(file)
		if strings.HasSuffix(file, ".qps"+ext) {
			continue
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := markdown.Extract(filepath.Base(file), src)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(file, ext)+".segments", []byte(dump(doc)))

			out, rej := markdown.Assemble(doc, identity, true)
			if len(rej) > 0 || !bytes.Equal(out, src) {
				t.Errorf("identity build differs (rejected %v):\n%s", rej, out)
			}
			if sp := spliced(t, doc); !bytes.Equal(sp, src) {
				t.Errorf("spliced build differs:\n%s", sp)
			}

			qps, _, rej, changed := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return pseudo.Segment(s), true })
			if len(rej) > 0 || changed {
				t.Errorf("pseudo-translation rejected %v, changed shape %v", rej, changed)
			}
			if d := markdown.CompareShape(src, qps); d != "" {
				t.Errorf("pseudo-translation changed the structure: %s", d)
			}
			golden(t, strings.TrimSuffix(file, ext)+".qps"+ext, qps)

			// Idempotence: extracting the identity output gives the same
			// segments.
			again, err := markdown.Extract(filepath.Base(file), out)
			if err != nil || dump(again) != dump(doc) {
				t.Errorf("re-extraction differs")
			}
		})
	}
}
