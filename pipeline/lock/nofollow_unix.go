//go:build unix

package lock

import "golang.org/x/sys/unix"

// noFollow opens the lock file only if it is no link, and a named pipe
// without waiting for a writer.
const noFollow = unix.O_NOFOLLOW | unix.O_NONBLOCK
