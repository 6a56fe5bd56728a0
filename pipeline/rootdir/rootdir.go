// Package rootdir finds the project a command runs on, the way git finds
// its repository: the nearest folder upward that looks like a project.
package rootdir

import (
	"os"
	"path/filepath"
)

// Find returns the nearest folder from start upward that holds quipu.toml,
// or both content/ and locales/. When none does, it returns the nearest
// that holds content/ (a new project, not yet synced), else start itself.
// A folder found is returned as start when it is start, so that paths in
// messages stay as the user wrote them.
func Find(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	found := func(dir string) (string, error) {
		if dir == abs {
			return start, nil
		}
		return dir, nil
	}
	weak := ""
	for dir := abs; ; {
		if isProject(dir) {
			return found(dir)
		}
		if weak == "" && isDir(filepath.Join(dir, "content")) {
			weak = dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if weak != "" {
		return found(weak)
	}
	return start, nil
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
