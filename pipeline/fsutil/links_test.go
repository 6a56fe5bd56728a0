package fsutil_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// plant puts a link where quipu stages or journals, leading to a file
// outside the folder it writes in.
func plant(t *testing.T, name string) (victim string) {
	t.Helper()
	victim = filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	if err := os.Symlink(victim, name); err != nil {
		if runtime.GOOS == "windows" {
			t.Skip("no symbolic links here:", err)
		}
		t.Fatal(err)
	}
	return victim
}

// TestStagingNeverFollowsLinks: the staging and journal names are fixed,
// so a link planted at one must not make a write land where it leads.
func TestStagingNeverFollowsLinks(t *testing.T) {
	for _, durable := range []bool{false, true} {
		dir := t.TempDir()
		a := filepath.Join(dir, "a.txt")
		os.WriteFile(a, []byte("old a"), 0o644) // exists: staged beside
		victim := plant(t, fsutil.TempName(a))
		journal := filepath.Join(dir, "journal")
		jvictim := plant(t, journal)

		batch := fsutil.NewBatch(durable)
		batch.Journal(journal)
		batch.Add(a, []byte("new a"))
		batch.Add(filepath.Join(dir, "b.txt"), []byte("new b")) // new: journaled
		if err := batch.Commit(); err != nil {
			t.Fatal(err)
		}
		if read(t, a) != "new a" || read(t, victim) != "keep me" || read(t, jvictim) != "keep me" {
			t.Errorf("durable %v: a %q, victims %q %q", durable, read(t, a), read(t, victim), read(t, jvictim))
		}
	}
	dir := t.TempDir()
	c := filepath.Join(dir, "cache")
	victim := plant(t, fsutil.TempName(c))
	if err := fsutil.WriteFast(c, []byte("cache")); err != nil {
		t.Fatal(err)
	}
	if read(t, c) != "cache" || read(t, victim) != "keep me" {
		t.Errorf("WriteFast: %q, victim %q", read(t, c), read(t, victim))
	}
}

// TestStagingReplacesNamedPipes: a named pipe planted at a staging or
// journal name is replaced, not written into: opening it to write would
// wait for a reader forever, holding the project's lock.
func TestStagingReplacesNamedPipes(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	os.WriteFile(a, []byte("old a"), 0o644) // exists: staged beside
	journal := filepath.Join(dir, "journal")
	for _, name := range []string{fsutil.TempName(a), journal} {
		if err := mkfifo(name); err != nil {
			t.Skip("mkfifo:", err)
		}
	}
	done := make(chan error, 1)
	go func() {
		batch := fsutil.NewBatch(true)
		batch.Journal(journal)
		batch.Add(a, []byte("new a"))
		batch.Add(filepath.Join(dir, "b.txt"), []byte("new b")) // new: journaled
		done <- batch.Commit()
	}()
	select {
	case err := <-done:
		if err != nil || read(t, a) != "new a" || read(t, filepath.Join(dir, "b.txt")) != "new b" {
			t.Errorf("Commit: %v; a %q", err, read(t, a))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a batch waits on a named pipe at a staging or journal name")
	}
}

// TestRecoverAsksOwner: a journal listing a file owns refuses is
// refused whole: nothing it lists is removed, not even the files owns
// accepts, and the journal stays, for the next run to report again.
func TestRecoverAsksOwner(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(t.TempDir(), "out")
	os.WriteFile(in, nil, 0o644)
	os.WriteFile(out, nil, 0o644)
	journal := filepath.Join(dir, "journal")
	os.WriteFile(journal, []byte("+"+in+"\x00+"+out+"\x00"), 0o644)
	refuse := errors.New("outside")
	err := fsutil.Recover(journal, func(name string) error {
		if name == out {
			return refuse
		}
		return nil
	})
	if !errors.Is(err, refuse) || !strings.Contains(err.Error(), journal) {
		t.Errorf("Recover: %v", err)
	}
	if read(t, in) != "" || read(t, out) != "" || read(t, journal) == "<absent>" {
		t.Errorf("in %q, out %q, journal %q", read(t, in), read(t, out), read(t, journal))
	}
}

// TestRecoverRefusesJournalThatIsNoFile: a named pipe at a journal's name
// is refused at once, not waited on (the run would hang holding the
// project's lock), and a link there is not read through.
func TestRecoverRefusesJournalThatIsNoFile(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("+"+filepath.Join(dir, "a")+"\x00"), 0o644)
	os.WriteFile(filepath.Join(dir, "a"), []byte("keep"), 0o644)
	link := filepath.Join(dir, "link.journal")
	if err := os.Symlink(victim, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	names := []string{link}
	if fifo := filepath.Join(dir, "fifo.journal"); mkfifo(fifo) == nil {
		names = append(names, fifo)
	}
	for _, name := range names {
		done := make(chan error, 1)
		go func() { done <- fsutil.Recover(name, nil) }()
		select {
		case err := <-done:
			var nr *workspace.NotRegularError
			if !errors.As(err, &nr) || !strings.Contains(err.Error(), name) {
				t.Errorf("Recover(%s): %v", filepath.Base(name), err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Recover(%s) waits", filepath.Base(name))
		}
	}
	if read(t, filepath.Join(dir, "a")) != "keep" {
		t.Error("a journal read through a link removed a file")
	}
}

// TestAddReplacesLinks: a file that is a link is never read to tell
// whether it changed; it is replaced by a file of its own, and what it led
// to is left alone.
func TestAddReplacesLinks(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	victim := plant(t, a)
	if fsutil.Same(a, []byte("keep me")) {
		t.Error("Same read through a link")
	}
	batch := fsutil.NewBatch(false)
	if changed, err := batch.Add(a, []byte("keep me")); err != nil || !changed {
		t.Fatalf("Add = %v, %v", changed, err)
	}
	if err := batch.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(a); err != nil || !fi.Mode().IsRegular() || read(t, victim) != "keep me" {
		t.Errorf("a: %v %v; victim %q", fi, err, read(t, victim))
	}
}
