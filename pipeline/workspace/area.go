package workspace

import (
	"fmt"
	"path"
	"path/filepath"
)

// Area is a folder of the project that holds files of one kind: documents,
// message files, pages, templates, quipu's own state. A symbolic link
// under an area must lead inside that same area (its folder, links
// resolved): a link output/es-PE -> ../content would make a build write
// its pages over the documents, one in locales/ make a sync write message
// files among them. Whether the area's own folder overlaps another is the
// configuration's question, not the links'.
type Area struct {
	Dir string // project-relative folder
	// Shared lets a link under the area also lead to a folder of the
	// project that neither lies in nor holds another area: documents may
	// reference images kept in a shared folder.
	Shared bool
}

// SetAreas declares the project's areas; every path resolved from then on
// obeys them (see Area). Folders are resolved afresh.
func (w *Workspace) SetAreas(areas []Area) {
	w.mu.Lock()
	w.areas = nil
	for _, a := range areas {
		if a.Dir == "" {
			continue
		}
		if c, err := clean(a.Dir); err == nil {
			a.Dir = c
			w.areas = append(w.areas, a)
		}
	}
	clear(w.dirs)
	w.mu.Unlock()
}

// under reports whether rel lies in the folder dir, both cleaned and
// project-relative, without being dir itself.
func under(rel, dir string) bool {
	if dir == "." {
		return rel != "."
	}
	return len(rel) > len(dir) && rel[len(dir)] == '/' && rel[:len(dir)] == dir
}

// areaOf returns the deepest area rel lies under, if any.
func (w *Workspace) areaOf(rel string) (Area, bool) {
	var best Area
	found := false
	for _, a := range w.areas {
		if rel == a.Dir {
			return Area{}, false // an area's own folder: see Area
		}
		if under(rel, a.Dir) && (!found || len(a.Dir) > len(best.Dir)) {
			best, found = a, true
		}
	}
	return best, found
}

// keepIn checks that the link rel, resolved to to (inside the project),
// leads inside the area rel lies under. It is called once per link, as
// folders are resolved once per run.
func (w *Workspace) keepIn(rel, to string) error {
	a, ok := w.areaOf(rel)
	if !ok {
		return nil
	}
	home, err := w.dir(a.Dir)
	if err != nil {
		return err
	}
	if Within(home, to) {
		return nil
	}
	if a.Shared {
		in := false
		for _, b := range w.areas {
			if b.Dir == a.Dir {
				continue
			}
			// Nor a folder that holds an area: below it, paths reach the
			// area without another link to check.
			if other, err := w.dir(b.Dir); err == nil && Overlap(other, to) {
				in = true
				break
			}
		}
		if !in {
			return nil
		}
	}
	return &EscapeError{Path: rel, To: w.show(to), Area: a.Dir}
}

// show names a resolved path inside the project by its project-relative
// path, which is what the user sees in the tree.
func (w *Workspace) show(real string) string {
	if r, err := filepath.Rel(w.real, real); err == nil {
		return filepath.ToSlash(r)
	}
	return real
}

// OwnsIn checks a file system path read from a file quipu keeps (a
// journal): besides lying in the project (see Owns), its folder, links
// resolved, must lie in the folder of the area named dir, where the run
// that wrote the journal writes. A journal could have been written by
// anyone, and one listing content/a.md must not make a run remove it.
func (w *Workspace) OwnsIn(dir, name string) error {
	if err := w.Owns(name); err != nil {
		return err
	}
	c, err := clean(dir)
	if err != nil {
		return err
	}
	home, err := w.dir(c)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	folder, err := resolveAbs(filepath.Dir(abs), 0)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if Within(home, folder) {
		return nil
	}
	return fmt.Errorf("%s: not in the folder %s", name, path.Clean(filepath.ToSlash(dir)))
}
