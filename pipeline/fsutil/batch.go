package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
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
type Batch struct {
	durable bool
	mu      sync.Mutex
	pending []pending
	dirs    map[string]bool
}

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

// Add stages data for path. It reports false, staging nothing, when the
// file already holds exactly data. Add is safe for concurrent use.
func (b *Batch) Add(path string, data []byte) (bool, error) {
	if same(path, data) {
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
	tmp := TempName(path)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return false, err
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp)
		return false, werr
	}
	b.mu.Lock()
	b.pending = append(b.pending, pending{tmp, path})
	b.dirs[dir] = true
	b.mu.Unlock()
	return true, nil
}

// Commit moves every staged file into place.
func (b *Batch) Commit() error {
	if len(b.pending) == 0 {
		return nil
	}
	// syncfs flushes everything dirty on the file system, other programs'
	// writes included: worth it for thousands of files, not for a few.
	perFile := b.durable && (!canSyncFS || len(b.pending) <= smallBatch)
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
	var errs []error
	for _, p := range b.pending {
		if err := os.Rename(p.tmp, p.target); err != nil {
			errs = append(errs, err)
			os.Remove(p.tmp)
		}
	}
	b.pending = nil
	if perFile {
		errs = append(errs, b.syncDirs())
	} else if b.durable {
		errs = append(errs, b.syncAll())
	}
	return errors.Join(errs...)
}

// Abort removes every staged file, leaving the targets as they were.
func (b *Batch) Abort() {
	for _, p := range b.pending {
		os.Remove(p.tmp)
	}
	b.pending = nil
}

// smallBatch is the size up to which a durable batch syncs its files one by
// one rather than the whole file system.
const smallBatch = 64

// syncFiles flushes each staged file's data to disk.
func (b *Batch) syncFiles() error {
	var errs []error
	for _, p := range b.pending {
		errs = append(errs, syncPath(p.tmp))
	}
	return errors.Join(errs...)
}

// syncDirs flushes the renames: each directory's entries.
func (b *Batch) syncDirs() error {
	var errs []error
	for dir := range b.dirs {
		errs = append(errs, syncPath(dir))
	}
	return errors.Join(errs...)
}

// syncPath fsyncs a file or a directory.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
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
