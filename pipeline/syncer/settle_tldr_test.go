package syncer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestTldrSecondSyncChangesNothing syncs 500 tldr pages, translates half
// of them, then edits every page, deletes 20 and adds 50: after the sync
// that follows, a second sync writes no file.
func TestTldrSecondSyncChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the corpus sync in -short mode")
	}
	pages := testshared.TldrPages(t)
	if len(pages) < 550 {
		t.Skipf("the corpus has %d pages, 550 needed", len(pages))
	}
	pagesDir := filepath.Join(testshared.Tldr(t), "pages")
	root := t.TempDir()
	put := func(i int, edit bool) {
		data, err := os.ReadFile(pages[i])
		if err != nil {
			t.Fatal(err)
		}
		if edit {
			// The page's description gains a word.
			data = firstQuote.ReplaceAll(data, []byte("${1} now.\n"))
		}
		rel, _ := filepath.Rel(pagesDir, pages[i])
		dst := filepath.Join(root, "content", rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 500 {
		put(i, false)
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
	for i, s := range sources {
		if i%2 != 0 {
			continue
		}
		translateInPlace(t, filepath.Join(root, p.MessagePath("es-PE", s)))
	}
	for i := range 550 {
		switch {
		case i < 500 && i%25 == 1:
			rel, _ := filepath.Rel(pagesDir, pages[i])
			os.Remove(filepath.Join(root, "content", rel))
		default:
			put(i, true)
		}
	}
	first, err := syncer.Sync(p, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := syncer.Sync(p, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the first sync wrote %d files, the second %d", len(first.Changed), len(second.Changed))
	if len(second.Changed) != 0 {
		t.Errorf("a second sync rewrote %d files: %v", len(second.Changed), second.Changed[:min(5, len(second.Changed))])
	}
}

var firstQuote = regexp.MustCompile(`(?m)\A((?:[^\n]*\n)*?> [^\n]*)\.\n`)

// translateInPlace fills every empty translation of a message file as a
// translator does, in the file as sync wrote it: quipu's notes stay.
func translateInPlace(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var en []string
	for _, line := range strings.Split(string(data), "\n") {
		if s, ok := strings.CutPrefix(line, "#. en: "); ok {
			en = []string{s}
		} else if s, ok := strings.CutPrefix(line, "#.     "); ok && en != nil {
			en = append(en, s)
		} else if line == `other = ""` && en != nil {
			line = "other = " + catalog.Quote(pseudo.Translate(strings.Join(en, "\n")))
		} else if line == "" {
			en = nil
		}
		out = append(out, line)
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}
