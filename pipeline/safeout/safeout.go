// Package safeout decides where an export may write, so that it never
// deletes or overwrites what quipu did not write.
package safeout

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

// Guard holds what an export must leave alone. Every path is compared
// with symbolic links resolved, so a link to the project is the project.
type Guard struct {
	// Keep are paths never replaced, nor any folder that holds one: the
	// project, its sources and configuration. The working directory is
	// always kept too.
	Keep []Place
	// Within are folders nothing is ever written inside: an export there
	// would be read back as sources.
	Within []Place
	// Force replaces a folder that is not an earlier export, or that
	// holds files its manifest does not list, and a file that is not an
	// archive. Keep and Within hold all the same.
	Force bool
}

// Place is a path a Guard protects, with what to call it in an error.
type Place struct{ Path, Name string }

// Dir checks that a bundle folder may be written at dst, and returns
// where to write it, links resolved. dst may be missing, an empty folder,
// or a folder an earlier export wrote: a quipu manifest, and every file
// in it listed there, unchanged (listed files may be missing).
func (g Guard) Dir(dst string) (string, error) {
	real, err := g.place(dst)
	if err != nil {
		return "", err
	}
	fi, err := os.Lstat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return real, nil
	}
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s exists and is not a folder: not replacing it", dst)
	}
	if g.Force {
		return real, nil
	}
	if why := notExport(real); why != "" {
		return "", fmt.Errorf("%s %s: not replacing it (--force replaces it anyway)", dst, why)
	}
	return real, nil
}

// File checks that an archive may be written at dst, and returns where to
// write it, links resolved. dst may be missing or a regular file; one
// that is not a tar.gz or zip archive only with Force.
func (g Guard) File(dst string) (string, error) {
	real, err := g.place(dst)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return real, nil
	}
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s exists and is not a regular file: not replacing it", dst)
	}
	if !g.Force && !isArchive(real) {
		return "", fmt.Errorf("%s exists and is not a tar.gz or zip archive: not replacing it (--force replaces it anyway)", dst)
	}
	return real, nil
}

// place resolves dst and checks it against Keep and Within.
func (g Guard) place(dst string) (string, error) {
	real, err := Resolve(dst)
	if err != nil {
		return "", err
	}
	keep := g.Keep
	if wd, err := os.Getwd(); err == nil {
		keep = append(keep[:len(keep):len(keep)], Place{wd, "the working directory"})
	}
	for _, k := range keep {
		rk, err := Resolve(k.Path)
		if err != nil {
			return "", err
		}
		if Inside(rk, real) {
			what := "holds"
			if rk == real {
				what = "is"
			}
			return "", fmt.Errorf("%s %s %s (%s): an export never replaces it", dst, what, k.Name, rk)
		}
	}
	for _, w := range g.Within {
		rw, err := Resolve(w.Path)
		if err != nil {
			return "", err
		}
		if Inside(real, rw) {
			return "", fmt.Errorf("%s is inside %s (%s): an export never writes there", dst, w.Name, rw)
		}
	}
	return real, nil
}

// Resolve makes p absolute with every symbolic link resolved; the part of
// p that does not exist yet is kept as written.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if fi, lerr := os.Lstat(cur); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return "", fmt.Errorf("%s: a symbolic link that leads nowhere: %w", cur, err)
		}
		if filepath.Dir(cur) == cur {
			return "", err
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// Inside reports whether p is dir or lies under it; both are clean and
// absolute.
func Inside(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// notExport says why dir is not a folder an export may replace, or "".
func notExport(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err.Error()
	}
	if len(entries) == 0 {
		return ""
	}
	m, _, problems, err := bundle.Check(bundle.DirSource(os.DirFS(dir)), false)
	if err != nil {
		return err.Error()
	}
	if m == nil {
		return "holds files but no " + bundle.ManifestName + " written by quipu (" + strings.Join(problems, "; ") + ")"
	}
	var changed []string
	for _, p := range problems {
		if !strings.HasSuffix(p, ": missing") { // a listed file deleted since: nothing to lose
			changed = append(changed, p)
		}
	}
	if len(changed) == 0 {
		return ""
	}
	if len(changed) > 5 {
		changed = append(changed[:5], fmt.Sprintf("and %d more", len(changed)-5))
	}
	return "holds files quipu did not write, or changed since (" + strings.Join(changed, "; ") + ")"
}

// isArchive reports whether the file at p starts as a tar.gz or a zip.
func isArchive(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	_, ok := bundle.Detect(head[:n])
	return ok
}

// ReplaceDir puts the folder tmp at dst, in place of what dst held: the
// old folder is moved aside before the new one is moved in, and only then
// removed, so a failure leaves dst as it was.
func ReplaceDir(tmp, dst string) error {
	old := tmp + ".old"
	if err := os.Rename(dst, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return os.Rename(tmp, dst)
		}
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		if rerr := os.Rename(old, dst); rerr != nil {
			return fmt.Errorf("%w; the old folder is at %s", err, old)
		}
		return err
	}
	return os.RemoveAll(old)
}
