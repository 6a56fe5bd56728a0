package fsutil

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// replaceSynced writes data to a synced temporary file beside path and
// moves it over path, as renameio does elsewhere (renameio has no
// atomic replacement on Windows). MoveFileEx replaces the target in one
// step, and with MOVEFILE_WRITE_THROUGH returns only once the move is on
// disk: Windows cannot sync a folder.
func replaceSynced(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.quipu-tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = moveSynced(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// moveSynced renames from to to, replacing to, and flushes the move.
func moveSynced(from, to string) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return err
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return err
	}
	if err := windows.MoveFileEx(f, t, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
