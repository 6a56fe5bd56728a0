package syncer_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
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
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
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
	res, err := syncer.Sync(p, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Synced != n || res.Report.Reused == 0 {
		t.Fatalf("after translations changed, synced %d of %d documents, reused %d", res.Synced, n, res.Report.Reused)
	}
	// Nothing changed: nothing to sync, and every message is reported
	// kept, as a full sync reports them.
	res, _ = syncer.Sync(p, syncer.Options{})
	if res.Synced != 0 || len(res.Changed) != 0 {
		t.Fatalf("a sync with nothing new synced %d documents, changed %v", res.Synced, res.Changed)
	}
	if forced, _ := syncer.Sync(p, syncer.Options{Force: true}); res.Report != forced.Report || res.Report.Kept == 0 {
		t.Fatalf("a sync with nothing new reports %+v, a full one %+v", res.Report, forced.Report)
	}
	// Edit three pages: one sentence changed, one known sentence added
	// (memory fills it), one removed.
	writeDoc(t, root, 3, " And a change.")
	os.WriteFile(filepath.Join(root, "content", "p07.md"), []byte("# Page 7\n\nDisplay the help.\n\nSomething new.\n"), 0o644)
	writeDoc(t, root, 11, "\n\nShow the version.")

	twin := t.TempDir()
	for _, dir := range []string{"content", "locales"} {
		testshared.CopyTree(t, filepath.Join(root, dir), filepath.Join(twin, dir))
	}
	res, err = syncer.Sync(p, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Synced != 3 {
		t.Errorf("after editing 3 documents, synced %d", res.Synced)
	}
	q, _ := tree.Open(twin)
	full, err := syncer.Sync(q, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if full.Synced != n {
		t.Fatalf("the twin without a cache synced %d documents", full.Synced)
	}
	if res.Report != full.Report {
		t.Errorf("the incremental sync reports %+v, the full one %+v", res.Report, full.Report)
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

// TestSyncCacheNotices changes one thing after a sync and checks what the
// next sync syncs: the edited documents alone after an edit of content,
// everything after any other change.
func TestSyncCacheNotices(t *testing.T) {
	const n = 12
	msg := func(root, locale, name string) string { return filepath.Join(root, "locales", locale, name) }
	tests := []struct {
		name   string
		change func(t *testing.T, root string)
		synced int // -1: every document
	}{
		{"nothing", func(t *testing.T, root string) {}, 0},
		{"a document edited", func(t *testing.T, root string) { writeDoc(t, root, 3, " More.") }, 1},
		{"a document touched", func(t *testing.T, root string) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(root, "content", "p04.md"), later, later)
		}, 1},
		{"a translation edited", func(t *testing.T, root string) {
			appendFile(t, msg(root, "es-PE", "p05.es-PE.toml"), "# a translator's note\n")
		}, -1},
		{"an obsolete file deleted", func(t *testing.T, root string) {
			os.Remove(msg(root, "es-PE", "p01.obsolete.es-PE.toml"))
		}, -1},
		{"an obsolete file edited", func(t *testing.T, root string) {
			appendFile(t, msg(root, "es-PE", "p01.obsolete.es-PE.toml"), "# kept\n")
		}, -1},
		{"a message file without a document", func(t *testing.T, root string) {
			os.WriteFile(msg(root, "es-PE", "gone.es-PE.toml"), nil, 0o644)
		}, -1},
		{"a source message file deleted", func(t *testing.T, root string) {
			os.Remove(msg(root, "en", "p06.en.toml"))
		}, -1},
		{"a document added", func(t *testing.T, root string) { writeDoc(t, root, n, "") }, -1},
		{"a document deleted", func(t *testing.T, root string) { os.Remove(filepath.Join(root, "content", "p02.md")) }, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for i := range n {
				writeDoc(t, root, i, "")
			}
			p, err := tree.Open(root)
			if err != nil {
				t.Fatal(err)
			}
			// A translated paragraph leaves p01: it has an obsolete file.
			if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
				t.Fatal(err)
			}
			translate(t, msg(root, "es-PE", "p01.es-PE.toml"))
			writeDoc(t, root, 1, "")
			os.WriteFile(filepath.Join(root, "content", "p01.md"), []byte("# Page 1\n"), 0o644)
			if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(msg(root, "es-PE", "p01.obsolete.es-PE.toml")); err != nil {
				t.Fatal(err)
			}
			if res, err := syncer.Sync(p, syncer.Options{}); err != nil || res.Synced != 0 {
				t.Fatalf("a sync with nothing new synced %d documents (%v)", res.Synced, err)
			}
			tt.change(t, root)
			res, err := syncer.Sync(p, syncer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := tt.synced
			if want < 0 {
				want = res.Documents
			}
			if res.Synced != want {
				t.Errorf("synced %d of %d documents, want %d", res.Synced, res.Documents, want)
			}
		})
	}
}

// TestSyncForce: a hand edit inside a source message file is not looked
// for (sync alone writes those files), so it stays until a full sync;
// --force makes one.
func TestSyncForce(t *testing.T) {
	root := t.TempDir()
	for i := range 5 {
		writeDoc(t, root, i, "")
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "locales", "en", "p02.en.toml")
	want, _ := os.ReadFile(src)
	appendFile(t, src, "# edited by hand\n")
	if res, _ := syncer.Sync(p, syncer.Options{}); res.Synced != 0 {
		t.Fatalf("synced %d documents; the edit of a source message file is not looked for", res.Synced)
	}
	res, err := syncer.Sync(p, syncer.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(src); res.Synced != 5 || string(got) != string(want) {
		t.Errorf("--force synced %d documents; %s:\n%s", res.Synced, src, got)
	}
}

// TestSyncCacheDamaged: a damaged cache is no cache.
func TestSyncCacheDamaged(t *testing.T) {
	root := t.TempDir()
	for i := range 5 {
		writeDoc(t, root, i, "")
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(root, ".quipu", "sync.cache")
	data, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, damaged := range [][]byte{data[:len(data)/2], append(data[:len(data):len(data)], 0), []byte("not a cache")} {
		os.WriteFile(cache, damaged, 0o644)
		res, err := syncer.Sync(p, syncer.Options{})
		if err != nil || res.Synced != 5 {
			t.Fatalf("with a damaged cache, synced %d documents (%v)", res.Synced, err)
		}
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// translate fills in every message of a message file, reviewed.
func translate(t *testing.T, name string) {
	t.Helper()
	f := testshared.Messages(t, name)
	for _, m := range f.Messages {
		m.Other, m.State = pseudo.Translate(m.Source), catalog.Reviewed
	}
	if err := os.WriteFile(name, catalog.Format(f), 0o644); err != nil {
		t.Fatal(err)
	}
}
