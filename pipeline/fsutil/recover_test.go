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
