//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package lock

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// errHeld is tryLock's error when another open file holds the lock.
var errHeld = errors.New("held by another process")

// tryLock takes an exclusive flock on f without waiting. A flock belongs
// to the open file, not to the process (unlike fcntl's locks, which any
// close by the process drops): two Acquires in one process exclude each
// other too.
func tryLock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return errHeld
		}
		return err
	}
}

func unlock(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_UN) }
