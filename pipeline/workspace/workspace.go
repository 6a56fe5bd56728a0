// Package workspace confines every path quipu reads or writes to the project folder.
//
// The project folder is resolved once (made absolute, symbolic links
// resolved), so the answer never depends on how the folder was named:
// "-C ." and "-C /home/ana/site" confine alike. A project-relative path
// is resolved folder by folder, each folder once per run; a folder that
// does not exist yet is checked through its deepest existing ancestor, so
// a path is confined before anything creates it.
//
// A symbolic link that stays inside the project, and inside the area it
// lies in (see Area), is followed; one that leads outside is an
// *EscapeError naming the link and where it leads.
// Files are read only when regular: a named pipe, a socket or a device
// named like a message file is a *NotRegularError, reported without
// waiting on it.
package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Workspace is a project folder with what was resolved in it so far.
type Workspace struct {
	root string // as named: the paths handed out are joined to it
	real string // absolute, symbolic links resolved

	mu    sync.Mutex
	dirs  map[string]resolved // project-relative folder (or file) → where it leads
	areas []Area              // see SetAreas
}

type resolved struct {
	real string
	err  error
}

// Open resolves the project folder root, which need not exist yet.
func Open(root string) (*Workspace, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	real, err := resolveAbs(abs, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", root, err)
	}
	return &Workspace{root: root, real: real, dirs: map[string]resolved{}}, nil
}

// Root is the project folder as it was named.
func (w *Workspace) Root() string { return w.root }

// Real is the project folder, absolute, symbolic links resolved.
func (w *Workspace) Real() string { return w.real }

// Forget drops what was resolved: a run starts afresh, since links may
// have changed since the last.
func (w *Workspace) Forget() {
	w.mu.Lock()
	clear(w.dirs)
	w.mu.Unlock()
}

// EscapeError is a path that leads outside the project, or outside the
// area it lies in (see Area).
type EscapeError struct {
	Path string // as the project names it: the link, or the path as written
	To   string // where it leads; empty for a path written outside
	Area string // the area's folder, for a link out of an area
}

func (e *EscapeError) Error() string {
	if e.Area != "" {
		return fmt.Sprintf("%s: leads outside %s (to %s) through a symbolic link; quipu keeps each kind of file in its own folder", e.Path, e.Area, e.To)
	}
	if e.To == "" {
		return fmt.Sprintf("%s: outside the project", e.Path)
	}
	return fmt.Sprintf("%s: leads outside the project (to %s) through a symbolic link", e.Path, e.To)
}

// NotRegularError is a file quipu would read that is not a regular file:
// reading a named pipe would wait forever, a device could never end.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: not a regular file (%s); quipu reads only regular files", e.Path, kind(e.Mode))
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + m.String()
}

// clean checks a project-relative path, slash-separated, and cleans it.
// Written outside the project (absolute, or climbing out with ".."), it
// is an *EscapeError.
func clean(rel string) (string, error) {
	c := path.Clean(filepath.ToSlash(rel))
	if path.IsAbs(c) || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "" || c == ".." || strings.HasPrefix(c, "../") {
		return "", &EscapeError{Path: rel}
	}
	return c, nil
}

// Resolve returns where a project-relative path leads, absolute, with
// symbolic links resolved as far as the path exists (what does not exist
// yet is where it would be created). A path that leads outside the project
// is an *EscapeError.
func (w *Workspace) Resolve(rel string) (string, error) {
	c, err := clean(rel)
	if err != nil {
		return "", err
	}
	if c == "." {
		return w.real, nil
	}
	dir, err := w.dir(path.Dir(c))
	if err != nil {
		return "", err
	}
	return w.step(c, filepath.Join(dir, path.Base(c)))
}

// Path returns the file system path of a project-relative path (joined to
// the root as named, so messages read as before) once its folder is known
// to resolve inside the project. Its last name is not looked at: writes
// replace a file by renaming onto it, which replaces a link rather than
// following it, and ReadFile opens it without following links. The folder
// is resolved once per run, so the files of one folder cost nothing more.
func (w *Workspace) Path(rel string) (string, error) {
	c, err := clean(rel)
	if err != nil {
		return "", err
	}
	if _, err := w.dir(path.Dir(c)); err != nil {
		return "", err
	}
	return filepath.Join(w.root, filepath.FromSlash(c)), nil
}

// Owns checks a file system path such as Path returns (joined to the
// root, or absolute): its folder must resolve inside the project. A path
// read from a file quipu keeps (a journal of files to remove) could have
// been written by anyone.
func (w *Workspace) Owns(name string) error {
	abs, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	dir, err := resolveAbs(filepath.Dir(abs), 0)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	to := filepath.Join(dir, filepath.Base(abs))
	if Within(w.real, dir) && to != w.real {
		return nil
	}
	if to == abs {
		return &EscapeError{Path: name} // written outside: no link involved
	}
	return &EscapeError{Path: name, To: to}
}

// dir resolves a cleaned project-relative folder, remembering it and
// every folder above it.
func (w *Workspace) dir(rel string) (string, error) {
	if rel == "." {
		return w.real, nil
	}
	w.mu.Lock()
	r, ok := w.dirs[rel]
	w.mu.Unlock()
	if ok {
		return r.real, r.err
	}
	parent, err := w.dir(path.Dir(rel))
	real := ""
	if err == nil {
		real, err = w.step(rel, filepath.Join(parent, path.Base(rel)))
	}
	w.mu.Lock()
	w.dirs[rel] = resolved{real, err}
	w.mu.Unlock()
	return real, err
}

// step resolves the last name of full, whose folder is resolved and
// inside the project.
func (w *Workspace) step(rel, full string) (string, error) {
	fi, err := os.Lstat(full)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		// Not there yet (it would be created right here), or not a link;
		// any other problem is met by whatever uses the path.
		return full, nil
	}
	to, err := resolveAbs(full, 0)
	if err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	if !Within(w.real, to) {
		return "", &EscapeError{Path: rel, To: to}
	}
	if err := w.keepIn(rel, to); err != nil {
		return "", err
	}
	return to, nil
}

// maxLinks bounds the links followed in one path, as the kernel does.
const maxLinks = 40

// resolveAbs resolves the symbolic links of an absolute path as far as it
// exists. A link to nowhere resolves to where its target would be created.
func resolveAbs(p string, hops int) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err == nil {
		return filepath.Abs(real)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	parentPath := filepath.Dir(p)
	if parentPath == p {
		return p, nil
	}
	parent, err := resolveAbs(parentPath, hops)
	if err != nil {
		return "", err
	}
	full := filepath.Join(parent, filepath.Base(p))
	fi, err := os.Lstat(full)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return full, nil
	}
	if hops >= maxLinks {
		return "", fmt.Errorf("too many symbolic links")
	}
	target, err := os.Readlink(full)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(parent, target)
	}
	return resolveAbs(target, hops+1)
}

// Within reports whether real lies in dir or is dir, both absolute with
// symbolic links resolved.
func Within(dir, real string) bool {
	if real == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(real, dir)
}

// Overlap reports whether one of two resolved paths holds the other.
func Overlap(a, b string) bool { return Within(a, b) || Within(b, a) }
