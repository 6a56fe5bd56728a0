//go:build !linux

package project

import "path/filepath"

// folder stats the files of one folder by name.
type folder struct{ dir string }

func openFolder(dir string) folder { return folder{dir} }

// stat returns a file's size and modification time, or -1 and 0 when it
// cannot be stat'ed.
func (f folder) stat(name string) (size, mod int64) {
	return statFile(filepath.Join(f.dir, name))
}

func (f folder) close() {}
