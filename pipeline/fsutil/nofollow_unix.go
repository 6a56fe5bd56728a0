//go:build unix

package fsutil

import "golang.org/x/sys/unix"

// noFollow makes an open fail on a link in the last name; nonBlock makes
// opening a named pipe return at once.
const (
	noFollow = unix.O_NOFOLLOW
	nonBlock = unix.O_NONBLOCK
)
