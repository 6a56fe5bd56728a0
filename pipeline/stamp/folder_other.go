//go:build !linux

package stamp

import "path/filepath"

// Folder stamps the files of one folder by name.
type Folder struct{ dir string }

// Open opens a folder for stamping.
func Open(dir string) Folder { return Folder{dir} }

// Stat stamps the file name of the folder.
func (f Folder) Stat(name string) Stamp { return Of(filepath.Join(f.dir, name)) }

// Close releases the folder.
func (f Folder) Close() {}
