// Package fsutil writes files so that an interrupted run loses nothing: a
// file that existed is left either as it was or as it should be, never
// torn, and a new file cut short is named in a journal for the next run to
// remove.
package fsutil

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// WriteDurable replaces path with data through a synced temporary file and
// syncs the directory after the rename: for files that hold people's work,
// such as message files.
func WriteDurable(path string, data []byte) error {
	if Same(path, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := replaceSynced(path, data); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// WriteFast replaces path with data through a temporary file in the same
// directory and a rename, without syncing: for build output, which a
// rebuild regenerates, so builds stay fast.
func WriteFast(path string, data []byte) error {
	if Same(path, data) {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to path's temporary file (see TempName), unsynced,
// and returns its name; on failure nothing is left.
func writeTemp(path string, data []byte) (string, error) {
	tmp := TempName(path)
	f, err := openOver(tmp, 0)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp)
		return "", werr
	}
	return tmp, nil
}

var tempName = regexp.MustCompile(`^\..+\.quipu-tmp$`)

// RemoveTemp deletes, under dir, the temporary files (see TempName) of
// writes that never finished: the process was killed between create and
// rename.
// A missing dir is no error.
func RemoveTemp(dir string) error {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && tempName.MatchString(d.Name()) {
			return os.Remove(path)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Same reports whether path holds exactly data: rewriting it would only
// change its modification time.
func Same(path string, data []byte) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() == int64(len(data)) && holds(path, data)
}

// holds reports whether path, known to have data's size, holds data. A
// link is never read (it holds nothing of its own: the write replaces
// it), nor a named pipe waited on.
func holds(path string, data []byte) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|noFollow|nonBlock, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	old := make([]byte, len(data)+1)
	n, err := io.ReadFull(f, old)
	return (err == io.ErrUnexpectedEOF || err == io.EOF) && bytes.Equal(old[:n], data)
}
