package fsutil

import (
	"errors"
	"os"
)

// syncFile flushes a file's data to disk. FlushFileBuffers needs a handle
// open for writing.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir does nothing: Windows cannot flush a folder, and NTFS journals
// the changes to its entries.
func syncDir(string) error { return nil }
