package fsutil_test

import (
	"fmt"
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

func TestBatchJournal(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, ".quipu", "build.journal")
	old, fresh := filepath.Join(dir, "old.html"), filepath.Join(dir, "sub", "new.html")
	os.WriteFile(old, []byte("old"), 0o644)

	// A file that does not exist is written in place at once; one that
	// exists is staged. Abort takes both back.
	b := fsutil.NewBatch(false)
	b.Journal(journal)
	b.Add(old, []byte("replaced"))
	b.Add(fresh, []byte("created"))
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
	if read(t, fresh) != "created" || read(t, old) != "old" {
		t.Fatalf("before Commit: new %q, old %q", read(t, fresh), read(t, old))
	}
	if read(t, journal) == "<absent>" {
		t.Fatal("a file was created in place without a journal entry")
	}
	b.Abort()
	if read(t, fresh) != "<absent>" || read(t, old) != "old" || read(t, journal) != "<absent>" {
		t.Fatalf("after Abort: new %q, old %q, journal %q", read(t, fresh), read(t, old), read(t, journal))
	}

	b = fsutil.NewBatch(true)
	b.Journal(journal)
	b.Add(old, []byte("replaced"))
	b.Add(fresh, []byte("created"))
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, fresh) != "created" || read(t, old) != "replaced" || read(t, journal) != "<absent>" {
		t.Fatalf("after Commit: new %q, old %q, journal %q", read(t, fresh), read(t, old), read(t, journal))
	}
}

// TestRecover plays the journal a killed run leaves: the files it created
// go, a file it found already there stays, and an entry cut short by the
// kill names no file the run created.
func TestRecover(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, "build.journal")
	made, found, torn := filepath.Join(dir, "made.html"), filepath.Join(dir, "found.html"), filepath.Join(dir, "torn.html")
	for _, p := range []string{made, found, torn} {
		os.WriteFile(p, []byte("x"), 0o644)
	}
	entries := "+" + made + "\x00+" + found + "\x00-" + found + "\x00+" + filepath.Join(dir, "gone.html") + "\x00+" + torn
	os.WriteFile(journal, []byte(entries), 0o644)
	if err := fsutil.Recover(journal, nil); err != nil {
		t.Fatal(err)
	}
	if read(t, made) != "<absent>" {
		t.Error("a file the dead run created survived")
	}
	if read(t, found) != "x" || read(t, torn) != "x" {
		t.Error("Recover removed a file the dead run did not create")
	}
	if read(t, journal) != "<absent>" {
		t.Error("the journal survived")
	}
	if err := fsutil.Recover(journal, nil); err != nil {
		t.Errorf("no journal: %v", err)
	}
}

// TestBatchAbortMany: past the files it keeps names of, a batch aborts
// through its journal.
func TestBatchAbortMany(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, ".quipu", "build.journal")
	b := fsutil.NewBatch(false)
	b.Journal(journal)
	for i := range 200 {
		if _, err := b.Add(filepath.Join(dir, "out", fmt.Sprintf("%03d.html", i)), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	b.Abort()
	left, _ := os.ReadDir(filepath.Join(dir, "out"))
	if len(left) != 0 || read(t, journal) != "<absent>" {
		t.Fatalf("after Abort: %d files left, journal %q", len(left), read(t, journal))
	}
}

// TestWriteDurable: the file is replaced whole, with no temporary file
// left beside it, on every system (Windows included, where the rename is
// MoveFileEx's).
func TestWriteDurable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.toml")
	for _, data := range []string{"first", "second, longer", "third"} {
		if err := fsutil.WriteDurable(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got := read(t, path); got != data {
			t.Fatalf("after WriteDurable(%q): %q", data, got)
		}
		entries, err := os.ReadDir(filepath.Dir(path))
		if err != nil || len(entries) != 1 {
			t.Fatalf("folder holds %v, %v; want the file alone", entries, err)
		}
	}
}
