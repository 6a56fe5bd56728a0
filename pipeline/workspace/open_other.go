//go:build !unix

package workspace

import (
	"io/fs"
	"os"
)

// openFile opens a file for reading, refusing a link in its last name (as
// O_NOFOLLOW does) and anything but a regular file before opening it.
func openFile(name string) (*os.File, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	return os.Open(name)
}
