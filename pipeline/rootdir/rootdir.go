// Package rootdir finds the project a command runs on, the way git finds
// its repository: the nearest folder upward that looks like a project.
package rootdir

import (
	"os"
	"path/filepath"
)

// Find returns the nearest folder from start upward that holds quipu.toml,
// or both content/ and locales/. When none does, it returns start itself:
// a project without quipu.toml is still a project, with the defaults.
// start is returned unchanged when it is the project, so that paths in
// messages stay as the user wrote them.
func Find(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for dir := abs; ; {
		if isProject(dir) {
			if dir == abs {
				return start, nil
			}
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return start, nil
		}
		dir = parent
	}
}

func isProject(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "quipu.toml")); err == nil && !fi.IsDir() {
		return true
	}
	return isDir(filepath.Join(dir, "content")) && isDir(filepath.Join(dir, "locales"))
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
