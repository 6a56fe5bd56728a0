//go:build !windows

package fsutil

import (
	"errors"
	"os"
)

// syncFile flushes a file's data to disk.
func syncFile(path string) error { return syncPath(path) }

// syncDir flushes a folder's entries (the files created or renamed in it)
// to disk.
func syncDir(dir string) error { return syncPath(dir) }

// syncPath fsyncs a file or a folder: a descriptor opened for reading is
// enough.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}
