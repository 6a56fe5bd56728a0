package workspace

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ReadFile reads a project-relative file. Its folder must resolve inside
// the project (see Path); the file itself is opened without following a
// link and without waiting on a named pipe, then checked to be regular.
// A file that is a link is read only if the link leads inside the project.
// A regular file costs the system calls of os.ReadFile, no more.
func (w *Workspace) ReadFile(rel string) ([]byte, error) {
	name, err := w.Path(rel)
	if err != nil {
		return nil, err
	}
	f, err := openFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		if fi, lerr := os.Lstat(name); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			// A link: read where it leads, if that is inside.
			to, rerr := w.Resolve(rel)
			if rerr != nil {
				return nil, rerr
			}
			f, err = openFile(to)
		}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpen(f, name)
}

// ReadRegular reads a file quipu keeps at a fixed name (a journal) as
// ReadFile reads a file, but follows no link at all: a link there is no
// file quipu wrote, and is reported as not a regular file, and so is a
// named pipe, without waiting on it.
func ReadRegular(name string) ([]byte, error) {
	f, err := openFile(name)
	if err != nil {
		if fi, lerr := os.Lstat(name); lerr == nil && !fi.Mode().IsRegular() {
			return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
		}
		return nil, err
	}
	defer f.Close()
	return readOpen(f, name)
}

// readOpen reads an open file whole, once it is known to be regular.
func readOpen(f *os.File, name string) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	data := make([]byte, 0, fi.Size()+1) // +1: EOF is seen without growing
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew
		}
	}
}

// Regular checks, without opening it, that a project-relative file is a
// regular file inside the project (links followed while they stay inside);
// a missing file is no error.
func (w *Workspace) Regular(rel string) error {
	to, err := w.Resolve(rel)
	if err != nil {
		return err
	}
	fi, err := os.Stat(to)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		name, _ := w.Path(rel)
		return &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	return nil
}
