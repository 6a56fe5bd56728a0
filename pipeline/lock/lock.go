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

// BusyError is returned when another process holds the lock.
type BusyError struct {
	Path string
	PID  int // 0 when the holder had not written its ID yet
}

func (e *BusyError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("another quipu is running (it holds %s)", e.Path)
	}
	return fmt.Sprintf("another quipu is running (pid %d)", e.PID)
}

// Lock is a held lock.
type Lock struct {
	f *os.File
	// TookOver is set when the last run to hold the lock never released
	// it (it was killed, or the machine stopped): its work may have been
	// cut short.
	TookOver bool
}

// Acquire takes the lock on the file at path, creating the file if need
// be. The lock is the kernel's (flock on Unix, LockFileEx on Windows): it
// is released when its holder exits, however it exits, so a run that was
// killed never blocks the next one, and a process that merely has the
// same ID as a dead holder is no holder. The file stays for good; it holds
// the holder's process ID, for the message a second run prints, and is
// emptied on Release, so a file found with an ID in it tells of a run that
// did not finish. A lock held elsewhere is a *BusyError.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	for attempt := 0; ; attempt++ {
		err = tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errHeld) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		// The holder writes its ID right after taking the lock, and
		// empties the file right before it lets go: an empty file is a
		// moment to wait out.
		if pid := holder(f); pid > 0 || attempt == 20 {
			f.Close()
			return nil, &BusyError{Path: path, PID: pid}
		}
		time.Sleep(10 * time.Millisecond)
	}
	old, err := readAll(f)
	if err == nil {
		err = writePID(f)
	}
	if err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f, TookOver: len(bytes.TrimSpace(old)) > 0}, nil
}

// Release empties the lock file, the sign of a run that finished, and
// lets go of the lock. The file itself stays: removing it would let a
// process that opened it a moment before lock a file no other run sees.
func (l *Lock) Release() error {
	if l.f == nil {
		return nil
	}
	err := errors.Join(l.f.Truncate(0), unlock(l.f), l.f.Close())
	l.f = nil
	return err
}

// open opens the lock file, which must be a file of its own: quipu writes
// its ID into it and empties it, so a link planted there (the project may
// come from anyone) would make it overwrite whatever the link leads to,
// and a named pipe would never answer.
func open(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		what := "a symbolic link"
		if fi.Mode()&fs.ModeSymlink == 0 {
			what = "mode " + fi.Mode().Type().String()
		}
		return nil, fmt.Errorf("not a regular file (%s); delete it", what)
	}
	// The flags close the gap between the look and the open, where the
	// system has them.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("not a regular file; delete it")
	}
	return f, nil
}

// writePID replaces what the lock file holds with this process's ID. It
// writes before it truncates, so that a run killed in between leaves an
// ID, not an empty file: the next run still knows to clean up.
func writePID(f *os.File) error {
	id := strconv.AppendInt(nil, int64(os.Getpid()), 10)
	id = append(id, '\n')
	if _, err := f.WriteAt(id, 0); err != nil {
		return err
	}
	return f.Truncate(int64(len(id)))
}

// holder reads the ID in the lock file, 0 if there is none.
func holder(f *os.File) int {
	data, err := readAll(f)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(string(bytes.TrimSpace(data)))
	if err != nil || pid < 0 {
		return 0
	}
	return pid
}

// readAll reads the lock file from its start; it is a few bytes.
func readAll(f *os.File) ([]byte, error) {
	buf := make([]byte, 64)
	n, err := f.ReadAt(buf, 0)
	if n < len(buf) {
		err = nil // io.EOF: the whole file
	}
	return buf[:n], err
}
