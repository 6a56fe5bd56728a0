package fsutil_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return "<absent>"
	}
	return string(b)
}

func TestBatchAllOrNothing(t *testing.T) {
	for _, durable := range []bool{false, true} {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "sub", "b.txt")
		os.WriteFile(a, []byte("old a"), 0o644)

		batch := fsutil.NewBatch(durable)
		if changed, err := batch.Add(a, []byte("new a")); err != nil || !changed {
			t.Fatalf("Add(a) = %v, %v", changed, err)
		}
		if changed, _ := batch.Add(b, []byte("new b")); !changed {
			t.Fatal("Add(b) reported no change")
		}
		// Staged, not yet in place.
		if read(t, a) != "old a" || read(t, b) != "<absent>" {
			t.Fatalf("files changed before Commit: %q %q", read(t, a), read(t, b))
		}
		batch.Abort()
		if read(t, a) != "old a" || read(t, b) != "<absent>" {
			t.Fatalf("Abort changed files: %q %q", read(t, a), read(t, b))
		}
		if _, err := os.Stat(fsutil.TempName(a)); !os.IsNotExist(err) {
			t.Fatal("Abort left a staged file")
		}

		batch = fsutil.NewBatch(durable)
		batch.Add(a, []byte("new a"))
		batch.Add(b, []byte("new b"))
		if err := batch.Commit(); err != nil {
			t.Fatal(err)
		}
		if read(t, a) != "new a" || read(t, b) != "new b" {
			t.Fatalf("after Commit: %q %q", read(t, a), read(t, b))
		}
		// Writing the same bytes again is no change: modification times stay.
		if changed, _ := fsutil.NewBatch(durable).Add(a, []byte("new a")); changed {
			t.Error("identical content reported as a change")
		}
	}
}

func TestRemoveTemp(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "page.html")
	os.WriteFile(keep, []byte("x"), 0o644)
	os.WriteFile(fsutil.TempName(keep), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("mine"), 0o644)
	if err := fsutil.RemoveTemp(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fsutil.TempName(keep)); !os.IsNotExist(err) {
		t.Error("a staged file survived")
	}
	if read(t, keep) != "x" || read(t, filepath.Join(dir, ".hidden")) != "mine" {
		t.Error("RemoveTemp removed a file that was not its own")
	}
}
