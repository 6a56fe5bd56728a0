//go:build unix

package workspace

import (
	"os"

	"golang.org/x/sys/unix"
)

// openFile opens a file for reading without following a link in its last
// name (the open fails) and without waiting for a writer if it is a named
// pipe (the open returns at once, and the caller sees its type).
func openFile(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
}
