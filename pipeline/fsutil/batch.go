package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// Batch replaces many files all or nothing: Add writes each new content to
// a temporary file beside its target as soon as it is ready, so work can
// stream; Commit renames them all into place; Abort removes them. An
// interrupted run leaves every target either as it was or wholly new.
//
// A durable batch makes the data reach the disk before any rename and the
// renames after, as one synced write per file would, but with one
// file-system sync for the whole batch instead of one per file: syncing
// thousands of message files one by one costs seconds.
//
// With a journal (see Journal), files that do not exist yet skip the
// staging and are written in place: an interrupted run can then leave a
// new file cut short, which the journal names. The journal also makes a
// batch whole: a run killed while renaming is finished by the next one
// (see Recover).
//
// Files are created by one goroutine of the batch's, in the order they are
// added, while the callers go on working: creating files in one folder
// from several threads at once makes them queue for the folder's lock, and
// costs ext4 several times the system time of creating them one after
// another.
type Batch struct {
	durable bool
	mu      sync.Mutex
	pending []pending
	dirs    map[string]bool
	jpath   string
	journal *os.File // opened at the first file created in place
	created int      // files created in place

	start  sync.Once
	jobs   chan job
	idle   chan struct{} // closed when the writer has finished
	waited bool          // the writer has finished
	errs   []error       // the writer's
}

// job is a file for the writer.
type job struct {
	path   string
	data   []byte
	exists bool
}

// pending is a staged file (tmp set) or a file created in place (tmp
// empty).
type pending struct{ tmp, target string }

// TempName is where a new version of path is staged: a fixed hidden name
// beside it, so the rename stays within one directory and a run that was
// killed leaves at most one stale copy per file, overwritten by the next
// run. (Runs on one project never overlap: they take its lock.)
func TempName(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".quipu-tmp")
}

// NewBatch returns an empty batch.
func NewBatch(durable bool) *Batch {
	return &Batch{durable: durable, dirs: map[string]bool{}}
}

// Journal makes the batch write each file that does not exist yet
// straight to its place rather than stage it. Creating a file is the
// dearest step of writing thousands (on ext4 it costs as much as the
// rename that staging adds), and a file that did not exist holds nothing to
// lose. A killed run can leave such a file half written, though, so its
// path goes to the journal file before it is created: Recover, run by the
// next writer, removes what a dead run's journal lists, and Abort removes
// them as well. Commit deletes the journal once every file is in place.
func (b *Batch) Journal(path string) {
	b.jpath = path
}

// Recover finishes or undoes the batch of a dead run, from its journal at
// path (see Journal), and removes the journal. No journal is no error.
//
// A run killed before its commit (see Commit) is undone: the files it
// created are removed, and its staged files. A run killed after it is
// finished: every staged file still beside its target is renamed into
// place, and the files it created stay. Either way the files are as one
// run left them, never some of the old and some of the new: a next run
// then writes what it would have written after that run, and nothing
// else.
//
// A journal is a file anyone could have written. It is read without
// following a link or waiting on a named pipe, and only as a regular file;
// and when owns is set, every file it lists must be one the run that
// keeps the journal could have written (owns accepts it), or the journal
// is refused whole: an error naming it, nothing removed or renamed, and
// the journal stays.
func Recover(path string, owns func(file string) error) error {
	data, err := workspace.ReadRegular(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		// The error names the journal: quipu writes journals as
		// regular files only.
		return fmt.Errorf("%w; delete it if no quipu run wrote it", err)
	}
	recs := bytes.Split(data, []byte{0})
	recs = recs[:len(recs)-1] // after the last NUL: nothing, or a torn entry
	created, staged := map[string]bool{}, map[string]bool{}
	committed := false
	var refused []error
	for _, rec := range recs {
		if len(rec) > 1 && owns != nil {
			if err := owns(string(rec[1:])); err != nil {
				refused = append(refused, err)
				continue
			}
		}
		switch {
		case len(rec) == 1 && rec[0] == opCommit:
			committed = true
		case len(rec) > 1 && rec[0] == opStage:
			staged[string(rec[1:])] = true
		case len(rec) > 1:
			created[string(rec[1:])] = rec[0] == opCreate
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("%s lists files its run could not have written, so nothing it lists was removed or renamed (delete it if no quipu run wrote it):\n%w", path, errors.Join(refused...))
	}
	var errs []error
	dirs := map[string]bool{}
	for target := range staged {
		tmp := TempName(target)
		if committed {
			err = rename(tmp, target)
			dirs[filepath.Dir(target)] = true
		} else {
			err = os.Remove(tmp)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	for target, made := range created {
		if !made || committed {
			continue
		}
		if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	for dir := range dirs {
		errs = append(errs, syncDir(dir))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.Remove(path)
}

// Journal entries: the first byte says what the path after it is.
const (
	opCreate = '+' // a file about to be created in place
	opExists = '-' // a file that turned out to exist: not the batch's
	opStage  = '~' // a file staged beside its target, to rename at the commit
	opCommit = '!' // (no path) every file is written: the renames begin
)

// Add stages data for path. It reports false, staging nothing, when the
// file already holds exactly data. Add is safe for concurrent use; the
// file is written by the batch's writer, and a failure to write it is
// Commit's error. data must not change after Add.
func (b *Batch) Add(path string, data []byte) (bool, error) {
	fi, err := os.Stat(path)
	exists := err == nil
	if exists && fi.Size() == int64(len(data)) && holds(path, data) {
		return false, nil
	}
	dir := filepath.Dir(path)
	b.mu.Lock()
	made := b.dirs[dir]
	b.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, err
		}
	}
	b.start.Do(func() {
		b.jobs, b.idle = make(chan job, 64), make(chan struct{})
		go b.writer()
	})
	b.jobs <- job{path, data, exists}
	return true, nil
}

// writer writes the files added, one after another.
func (b *Batch) writer() {
	defer close(b.idle)
	for j := range b.jobs {
		if err := b.write(j); err != nil {
			b.mu.Lock()
			b.errs = append(b.errs, err)
			b.mu.Unlock()
		}
	}
}

// Wait returns once every file added so far is written (created in place
// or staged), with the errors met. Commit and Abort wait first; no file
// may be added after Wait.
func (b *Batch) Wait() error {
	if b.jobs != nil && !b.waited {
		close(b.jobs) // an Add after this panics rather than hangs
		<-b.idle
		b.waited = true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return errors.Join(b.errs...)
}

// write creates a file in place or stages it.
func (b *Batch) write(j job) error {
	path, data := j.path, j.data
	if !j.exists && b.jpath != "" {
		created, err := b.create(path, data)
		if created || err != nil {
			return err
		}
	}
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.pending = append(b.pending, pending{tmp, path})
	b.dirs[filepath.Dir(path)] = true
	b.mu.Unlock()
	return nil
}

// create writes a file that does not exist yet in place, journaled. It
// reports false if the file appeared meanwhile: it must then be staged.
func (b *Batch) create(path string, data []byte) (bool, error) {
	if err := b.record(opCreate, path); err != nil {
		return false, err
	}
	// The system calls themselves: os.OpenFile would add five more per
	// file, to offer the file to the network poller, which refuses it.
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, b.record(opExists, path) // not ours: Recover must spare it
	}
	if err != nil {
		return false, &fs.PathError{Op: "create", Path: path, Err: err}
	}
	b.mu.Lock()
	// The journal lists every file created; the batch keeps their names
	// only while few, for syncing them one by one, so its memory does not
	// grow with the files it writes.
	if b.created++; b.created <= smallBatch {
		b.pending = append(b.pending, pending{"", path})
	}
	b.dirs[filepath.Dir(path)] = true
	b.mu.Unlock()
	var werr error
	for rest := data; len(rest) > 0 && werr == nil; {
		var n int
		n, werr = syscall.Write(fd, rest)
		rest = rest[max(n, 0):]
	}
	if cerr := syscall.Close(fd); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return false, &fs.PathError{Op: "write", Path: path, Err: werr}
	}
	return true, nil
}

// record appends one entry to the journal (see opCreate). Entries end in
// a NUL byte, the one byte no path holds.
func (b *Batch) record(op byte, path string) error {
	rec := make([]byte, 0, len(path)+2)
	return b.appendJournal(append(append(append(rec, op), path...), 0))
}

// appendJournal appends entries to the journal, which it opens first if
// need be.
func (b *Batch) appendJournal(rec []byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.journal == nil {
		if err := os.MkdirAll(filepath.Dir(b.jpath), 0o755); err != nil {
			return err
		}
		f, err := openOver(b.jpath, os.O_APPEND)
		if err != nil {
			return err
		}
		b.journal = f
	}
	_, err := b.journal.Write(rec)
	return err
}

// Commit moves every staged file into place.
func (b *Batch) Commit() error {
	if err := b.Wait(); err != nil {
		b.Abort()
		return err
	}
	if len(b.pending) == 0 && b.created == 0 {
		return b.closeJournal()
	}
	// syncfs flushes everything dirty on the file system, other programs'
	// writes included: worth it for thousands of files, not for a few.
	perFile := b.durable && (!canSyncFS || b.created <= smallBatch && len(b.pending) <= smallBatch)
	if b.durable {
		var err error
		if perFile {
			err = b.syncFiles()
		} else {
			err = b.syncAll()
		}
		if err != nil {
			b.Abort()
			return err
		}
	}
	if err := b.commitRecord(); err != nil {
		b.Abort()
		return err
	}
	// From the commit mark on, the batch is to be finished, not undone:
	// a rename that fails leaves its staged file, the others go on, and
	// the journal stays for the next run to finish the renames (see
	// Recover). Without a journal nobody would: the staged file goes.
	var errs []error
	for _, p := range b.pending {
		if p.tmp == "" {
			continue
		}
		if err := rename(p.tmp, p.target); err != nil {
			errs = append(errs, err)
			if b.jpath == "" {
				os.Remove(p.tmp)
			}
		}
	}
	b.pending = nil
	b.created = 0
	if perFile {
		errs = append(errs, b.syncDirs())
	} else if b.durable {
		errs = append(errs, b.syncAll())
	}
	if err := errors.Join(errs...); err != nil {
		if b.jpath != "" && b.journal != nil {
			b.journal.Close() // it stays, for the next run
			b.journal = nil
			return &UnfinishedError{Journal: b.jpath, Err: err}
		}
		return err
	}
	return b.closeJournal()
}

// UnfinishedError is a batch whose files are all written but not all
// moved into place: its journal stays, and the next run that recovers it
// (see Recover) moves the rest.
type UnfinishedError struct {
	Journal string
	Err     error
}

func (e *UnfinishedError) Error() string {
	return fmt.Sprintf("%v\nevery file was written, but not all are in place yet: the next run finishes moving them (%s lists them)", e.Err, e.Journal)
}

func (e *UnfinishedError) Unwrap() error { return e.Err }

// rename is os.Rename; tests replace it to fail one rename of a batch.
var rename = os.Rename

// Abort removes every staged file and every file created in place, leaving
// the targets as they were.
func (b *Batch) Abort() {
	b.Wait()
	for _, p := range b.pending {
		if p.tmp == "" {
			os.Remove(p.target)
		} else {
			os.Remove(p.tmp)
		}
	}
	b.pending = nil
	if b.created > smallBatch && b.journal != nil {
		// Too many to have kept: the journal names them all.
		b.journal.Close()
		b.journal = nil
		Recover(b.jpath, nil) // this run's own journal
	}
	b.created = 0
	b.closeJournal()
}

// commitRecord lists the staged files in the journal and marks it
// committed, once every file is written (and, durable, on disk): from
// there a run killed between two renames is finished by the next (see
// Recover), so the files are never some old and some new. A message file
// and its obsolete file, say, hold one document's translations between
// them: half a sync would lose some. The list goes in one write: a run
// killed before it leaves staged files nobody needs, which the next run
// overwrites.
func (b *Batch) commitRecord() error {
	if b.jpath == "" {
		return nil
	}
	var rec []byte
	for _, p := range b.pending {
		if p.tmp != "" {
			rec = append(append(append(rec, opStage), p.target...), 0)
		}
	}
	if len(rec) == 0 {
		return nil // nothing to rename: the files created are all in place
	}
	rec = append(rec, opCommit, 0)
	if err := b.appendJournal(rec); err != nil {
		return err
	}
	if b.durable {
		return b.journal.Sync()
	}
	return nil
}

// closeJournal ends the batch's journal: what it listed is either in place
// for good or removed.
func (b *Batch) closeJournal() error {
	if b.journal == nil {
		return nil
	}
	err := errors.Join(b.journal.Close(), os.Remove(b.jpath))
	b.journal = nil
	return err
}

// smallBatch is the size up to which a durable batch syncs its files one by
// one rather than the whole file system.
const smallBatch = 64

// syncFiles flushes each staged file's data to disk.
func (b *Batch) syncFiles() error {
	var errs []error
	for _, p := range b.pending {
		if p.tmp == "" {
			errs = append(errs, syncFile(p.target))
		} else {
			errs = append(errs, syncFile(p.tmp))
		}
	}
	return errors.Join(errs...)
}

// syncDirs flushes the renames: each directory's entries.
func (b *Batch) syncDirs() error {
	var errs []error
	for dir := range b.dirs {
		errs = append(errs, syncDir(dir))
	}
	return errors.Join(errs...)
}

// syncAll flushes the staged data, or the renames, to disk.
func (b *Batch) syncAll() error {
	if canSyncFS {
		// One call flushes a whole file system: one per device is enough.
		var errs []error
		seen := map[uint64]bool{}
		for dir := range b.dirs {
			dev, err := device(dir)
			if err != nil || seen[dev] {
				errs = append(errs, err)
				continue
			}
			seen[dev] = true
			errs = append(errs, syncFS(dir))
		}
		return errors.Join(errs...)
	}
	return b.syncDirs()
}
