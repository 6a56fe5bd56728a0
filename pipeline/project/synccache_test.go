package project_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

var sentences = []string{
	"Display the help.", "Show the version.", "List every file in the folder.",
	"Create an archive from files.", "Extract an archive into a folder.",
	"Remove a file for good.", "Copy a folder and everything in it.",
}

func writeDoc(t *testing.T, root string, i int, extra string) {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Page %d\n\n", i)
	for k := 0; k < 3; k++ {
		fmt.Fprintf(&b, "%s\n\n", sentences[(i+k)%len(sentences)])
	}
	fmt.Fprintf(&b, "Only on page %d.%s\n", i, extra)
	path := filepath.Join(root, "content", fmt.Sprintf("p%02d.md", i))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(data)
		}
		return nil
	})
	return out
}

// TestIncrementalSyncIsFullSync edits a few documents after a sync and
// checks that the sync which then touches only those documents writes
// exactly what a sync of everything writes.
func TestIncrementalSyncIsFullSync(t *testing.T) {
	root := t.TempDir()
	const n = 40
	for i := 0; i < n; i++ {
		writeDoc(t, root, i, "")
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	// A translator translates a fifth of the pages: the next sync is full
	// and fills the other pages from translation memory.
	for i := 0; i < n; i += 5 {
		path := filepath.Join(root, "locales", "es-PE", fmt.Sprintf("p%02d.es-PE.toml", i))
		data, _ := os.ReadFile(path)
		f, err := catalog.Parse(path, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Messages {
			m.Other, m.State = pseudo.Translate(m.Source), catalog.Reviewed
		}
		os.WriteFile(path, catalog.Format(f), 0o644)
	}
	res, err := p.Sync(project.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Synced != n || res.Report.Reused == 0 {
		t.Fatalf("after translations changed, synced %d of %d documents, reused %d", res.Synced, n, res.Report.Reused)
	}
	// Nothing changed: nothing to sync.
	if res, _ := p.Sync(project.SyncOptions{}); res.Synced != 0 || len(res.Changed) != 0 {
		t.Fatalf("a sync with nothing new synced %d documents, changed %v", res.Synced, res.Changed)
	}
	// Edit three pages: one sentence changed, one known sentence added
	// (memory fills it), one removed.
	writeDoc(t, root, 3, " And a change.")
	os.WriteFile(filepath.Join(root, "content", "p07.md"), []byte("# Page 7\n\nDisplay the help.\n\nSomething new.\n"), 0o644)
	writeDoc(t, root, 11, "\n\nShow the version.")

	twin := t.TempDir()
	for _, dir := range []string{"content", "locales"} {
		copyTree(t, filepath.Join(root, dir), filepath.Join(twin, dir))
	}
	res, err = p.Sync(project.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Synced != 3 {
		t.Errorf("after editing 3 documents, synced %d", res.Synced)
	}
	q, _ := project.Open(twin)
	full, err := q.Sync(project.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if full.Synced != n {
		t.Fatalf("the twin without a cache synced %d documents", full.Synced)
	}
	a, b := readTree(t, filepath.Join(root, "locales")), readTree(t, filepath.Join(twin, "locales"))
	if len(a) != len(b) {
		t.Errorf("%d message files against %d", len(a), len(b))
	}
	for name, data := range b {
		if a[name] != data {
			t.Errorf("%s differs between the incremental and the full sync:\n%s\n---\n%s", name, a[name], data)
		}
	}
	if res.Report.Reused == 0 {
		t.Errorf("the incremental sync filled nothing from memory (page 11's new sentence is translated on page 0)")
	}
}
