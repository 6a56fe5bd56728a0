package fsutil_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
		if err := fsutil.Recover(journal, nil); err != nil {
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

// TestFailedRenameAfterCommitRollsForward: when a rename fails once the
// batch is committed (an I/O error on the second of two files), the
// staged file and the journal stay, Commit says the next run finishes,
// and Recover then moves the rest into place: never a half-applied batch.
func TestFailedRenameAfterCommitRollsForward(t *testing.T) {
	for _, durable := range []bool{false, true} {
		dir := t.TempDir()
		journal := filepath.Join(dir, "sync.journal")
		a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
		os.WriteFile(a, []byte("old a"), 0o644)
		os.WriteFile(b, []byte("old b"), 0o644)
		batch := fsutil.NewBatch(durable)
		batch.Journal(journal)
		batch.Add(a, []byte("new a"))
		batch.Add(b, []byte("new b"))
		restore := fsutil.FailRename(b, syscall.EIO)
		err := batch.Commit()
		restore()
		var unfinished *fsutil.UnfinishedError
		if !errors.As(err, &unfinished) || !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), "the next run finishes") {
			t.Fatalf("durable %v: Commit: %v", durable, err)
		}
		if read(t, fsutil.TempName(b)) != "new b" || read(t, journal) == "<absent>" {
			t.Fatalf("durable %v: staged b %q, journal %q", durable, read(t, fsutil.TempName(b)), read(t, journal))
		}
		if err := fsutil.Recover(journal, nil); err != nil {
			t.Fatal(err)
		}
		if read(t, a) != "new a" || read(t, b) != "new b" || read(t, journal) != "<absent>" {
			t.Errorf("durable %v: after Recover a %q, b %q, journal %q", durable, read(t, a), read(t, b), read(t, journal))
		}
	}
}
