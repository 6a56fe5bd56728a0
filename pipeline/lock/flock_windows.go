package lock

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// errHeld is tryLock's error when another open file holds the lock.
var errHeld = errors.New("held by another process")

// lockedRange is the byte range locked: far past the process ID, because a
// range locked on Windows cannot be read by anyone else, and a second run
// must read the ID to name the holder.
func lockedRange() *windows.Overlapped {
	return &windows.Overlapped{Offset: 0, OffsetHigh: 1} // at 4 GiB
}

// tryLock takes an exclusive lock on f without waiting; the system
// releases it when the handle is closed, the process exiting included.
func tryLock(f *os.File) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, lockedRange())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errHeld
	}
	return err
}

func unlock(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockedRange())
}
