//go:build !unix

package fsutil

// noFollow: without O_NOFOLLOW, openOver looks at the name first.
const (
	noFollow = 0
	nonBlock = 0
)
