package project_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestHundredThousandDocuments runs a dry sync and a status over a tree of
// 100,000 documents: every one is found, split and accounted for.
func TestHundredThousandDocuments(t *testing.T) {
	testshared.SkipUnlessScale(t, "the 100,000-document tree")
	root := t.TempDir()
	const n = 100_000
	for d := 0; d < 100; d++ {
		if err := os.MkdirAll(filepath.Join(root, "content", fmt.Sprintf("d%02d", d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("# Page %d\n\nParagraph %d, with *emphasis* and `code`.\n", i, i%997)
		if err := os.WriteFile(filepath.Join(root, "content", fmt.Sprintf("d%02d", i%100), fmt.Sprintf("p%06d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Sync(project.SyncOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != n || len(res.Changed) != 2*n || res.Report.Added != 2*n {
		t.Errorf("dry sync: %d documents, %d files would change, %d new messages; want %d, %d, %d", res.Documents, len(res.Changed), res.Report.Added, n, 2*n, 2*n)
	}
	if _, err := os.Stat(filepath.Join(root, "locales")); !os.IsNotExist(err) {
		t.Error("a dry sync wrote message files")
	}
	rows, err := p.Status(nil)
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, r := range rows {
		missing += r.Missing
	}
	if len(rows) != n || missing != 2*n {
		t.Errorf("status: %d rows, %d missing segments; want %d, %d", len(rows), missing, n, 2*n)
	}
}
