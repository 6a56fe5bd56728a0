package fsutil_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
)

// TestRecoverFinishesCommittedBatch plays the journal of a run killed
// while renaming its files into place: the next run renames the rest, and
// keeps the files the dead run created, so the files are all the dead
// run's. Killed before its commit, the run is undone instead: its staged
// files and the files it created go, the old files stay.
func TestRecoverFinishesCommittedBatch(t *testing.T) {
	for _, committed := range []bool{true, false} {
		dir := t.TempDir()
		journal := filepath.Join(dir, "sync.journal")
		renamed, pending, created := filepath.Join(dir, "renamed.toml"), filepath.Join(dir, "pending.toml"), filepath.Join(dir, "created.toml")
		os.WriteFile(renamed, []byte("new"), 0o644) // renamed before the kill
		os.WriteFile(pending, []byte("old"), 0o644)
		os.WriteFile(fsutil.TempName(pending), []byte("new"), 0o644)
		os.WriteFile(created, []byte("new"), 0o644)
		entries := "~" + renamed + "\x00~" + pending + "\x00+" + created + "\x00"
		if committed {
			entries += "!\x00"
		}
		os.WriteFile(journal, []byte(entries), 0o644)
		if err := fsutil.Recover(journal); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{pending: "old", created: "<absent>", fsutil.TempName(pending): "<absent>", journal: "<absent>"}
		if committed {
			want[pending], want[created] = "new", "new"
		}
		for path, w := range want {
			if got := read(t, path); got != w {
				t.Errorf("committed %v: %s holds %q, want %q", committed, filepath.Base(path), got, w)
			}
		}
	}
}

// TestBatchCommitIsJournaled: a committed batch's journal, caught between
// its commit and its renames, lists every staged file and the commit.
func TestBatchCommitIsJournaled(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, ".quipu", "sync.journal")
	old := filepath.Join(dir, "old.toml")
	os.WriteFile(old, []byte("old"), 0o644)
	b := fsutil.NewBatch(true)
	b.Journal(journal)
	if _, err := b.Add(old, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Add(filepath.Join(dir, "fresh.toml"), []byte("fresh")); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
	if got, want := read(t, journal), "+"+filepath.Join(dir, "fresh.toml")+"\x00"; got != "~"+old+"\x00"+want && got != want+"~"+old+"\x00" {
		t.Fatalf("journal before the commit: %q", got)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, old) != "new" || read(t, journal) != "<absent>" {
		t.Fatalf("after Commit: %q, journal %q", read(t, old), read(t, journal))
	}
}
