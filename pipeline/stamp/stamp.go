// Package stamp tells whether a file changed since it was last seen from
// its size and modification time, as make and git do, at the least cost
// in system calls.
package stamp

import (
	"os"
	"path/filepath"
)

// Stamp is a file's size and modification time in nanoseconds. A file
// that cannot be stat'ed (missing) has size -1 and time 0.
type Stamp struct{ Size, Mod int64 }

// Missing is the stamp of a file that is not there.
var Missing = Stamp{Size: -1}

// Exists reports whether the file was there.
func (s Stamp) Exists() bool { return s.Size >= 0 }

// Of stamps the file at path.
func Of(path string) Stamp {
	fi, err := os.Stat(path)
	if err != nil {
		return Missing
	}
	return Stamp{fi.Size(), fi.ModTime().UnixNano()}
}

// Files stamps files named by slash-separated paths relative to root, so
// stamps survive the root being moved or named differently.
func Files(root string, rels []string) []Stamp {
	out := make([]Stamp, len(rels))
	for i, rel := range rels {
		out[i] = Of(filepath.Join(root, filepath.FromSlash(rel)))
	}
	return out
}

// FolderTime is the modification time of the folder root/rel, or -1 when
// it is missing: a file created, removed or renamed in a folder changes it.
func FolderTime(root, rel string) int64 {
	s := Of(filepath.Join(root, filepath.FromSlash(rel)))
	if !s.Exists() {
		return -1
	}
	return s.Mod
}
