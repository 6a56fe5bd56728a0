//go:build unix

package fsutil

import "golang.org/x/sys/unix"

// noFollow makes an open fail on a link in the last name.
const noFollow = unix.O_NOFOLLOW
