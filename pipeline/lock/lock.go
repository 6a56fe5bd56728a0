// Package lock keeps two quipu runs from working on one project at once,
// so that concurrent syncs and builds cannot interleave their writes.
package lock

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// BusyError is returned when another live process holds the lock.
type BusyError struct {
	Path string
	PID  int // 0 when the lock file could not be read
}

func (e *BusyError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("another quipu is running (%s exists; if no quipu is running, delete it)", e.Path)
	}
	return fmt.Sprintf("another quipu is running (pid %d; if it is not, delete %s)", e.PID, e.Path)
}

// Lock is a held lock file.
type Lock struct {
	path string
	// TookOver is set when the lock was left by a process that died: its
	// work may have been cut short.
	TookOver bool
}

// Acquire creates the lock file at path, holding this process's ID. A lock
// left by a process that no longer runs (killed, or the machine restarted)
// is taken over; one held by a live process is a *BusyError.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	tookOver := false
	for attempt := 0; ; attempt++ {
		err := create(path)
		if err == nil {
			return &Lock{path: path, TookOver: tookOver}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		pid, ok := holder(path)
		switch {
		case !ok && attempt < 20:
			// Created but not yet written, or just removed: look again.
			time.Sleep(10 * time.Millisecond)
			continue
		case !ok && attempt == 20 && empty(path):
			// A live process writes its ID right after creating the file:
			// still empty after 200 ms means it died in between.
			if err := takeOver(path, 0); err != nil {
				return nil, err
			}
			tookOver = true
			continue
		case !ok:
			return nil, &BusyError{Path: path}
		case alive(pid) || attempt >= 20:
			return nil, &BusyError{Path: path, PID: pid}
		}
		if err := takeOver(path, pid); err != nil {
			return nil, err
		}
		tookOver = true
	}
}

// Release removes the lock file.
func (l *Lock) Release() error {
	err := os.Remove(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// create makes the lock file only if it does not exist, with the PID
// written at once. It is not synced to disk: other processes see it
// without, and after a crash its PID is dead (or the file empty), so the
// lock is taken over either way.
func create(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%d\n", os.Getpid())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// holder reads the PID in a lock file.
func holder(path string) (int, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(string(bytes.TrimSpace(data)))
	return pid, err == nil && pid > 0
}

// empty reports a lock file with nothing in it.
func empty(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() == 0
}

// takeOver removes the lock of dead process pid. It first moves the file
// aside under a name of its own, an atomic step: if another process took
// the lock over in between, the file moved is that one's, and is put back.
func takeOver(path string, pid int) error {
	aside := fmt.Sprintf("%s.stale.%d", path, os.Getpid())
	if err := os.Rename(path, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // someone else removed it: try again
		}
		return fmt.Errorf("lock %s: %w", path, err)
	}
	if got, _ := holder(aside); got != pid {
		// Not the stale lock any more: restore it unless the place is taken.
		if err := os.Link(aside, path); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("lock %s: %w", path, err)
		}
	}
	return os.Remove(aside)
}
