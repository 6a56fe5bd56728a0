package syncer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestTldrReuse translates a tenth of the tldr pages and syncs: every
// description that repeats in the other pages ("Display help:", "Display
// version:") is offered from translation memory.
func TestTldrReuse(t *testing.T) {
	testshared.SkipUnlessScale(t, "the corpus-wide sync")
	pages := testshared.TldrPages(t)
	root := t.TempDir()
	pagesDir := filepath.Join(testshared.Dir(t), "corpus", "tldr", "pages")
	for _, p := range pages {
		rel, _ := filepath.Rel(pagesDir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(root, "content", rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	sources, err := p.Sources()
	if err != nil {
		t.Fatal(err)
	}
	translated := 0
	for i, s := range sources {
		if i%10 != 0 {
			continue
		}
		path := filepath.Join(root, p.MessagePath("es-PE", s))
		f := testshared.Messages(t, path)
		for _, m := range f.Messages {
			m.Other, m.State = pseudo.Translate(m.Source), catalog.Translated
			translated++
		}
		if err := os.WriteFile(path, catalog.Format(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := syncer.Sync(p, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("tldr: %d pages, %d messages translated in a tenth of them, %d more filled from translation memory", len(sources), translated, res.Report.Reused)
	if res.Report.Reused == 0 {
		t.Error("translation memory reused nothing")
	}
	again, err := syncer.Sync(p, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changed) != 0 {
		t.Errorf("a second sync changed %d files", len(again.Changed))
	}
}
