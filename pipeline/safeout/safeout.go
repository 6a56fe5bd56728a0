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
// write it: dst with the links of its folders resolved, never the link dst
// may be itself. dst may be missing or an archive quipu wrote (see
// bundle.Identify); any other regular file, or a symbolic link to one or to
// nothing, only with Force, and then the link itself is replaced: the
// archive never goes through it into a file quipu did not write.
func (g Guard) File(dst string) (string, error) {
	real, err := location(dst)
	if err != nil {
		return "", err
	}
	if err := g.check(dst, real); err != nil {
		return "", err
	}
	fi, err := os.Lstat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return real, nil
	}
	if err != nil {
		return "", err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// A link is replaced, never written through; one to a folder, a
		// FIFO or a device is refused like what it leads to.
		if to, err := os.Stat(real); err == nil && !to.Mode().IsRegular() {
			return "", fmt.Errorf("%s exists and is not a regular file: not replacing it", dst)
		}
		if !g.Force {
			return "", fmt.Errorf("%s is a symbolic link: not replacing it (--force replaces the link, never what it leads to)", dst)
		}
		return real, nil
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s exists and is not a regular file: not replacing it", dst)
	}
	if !g.Force {
		if why := notBundle(real); why != "" {
			return "", fmt.Errorf("%s exists and %s: not replacing it (--force replaces it anyway)", dst, why)
		}
	}
	return real, nil
}

// place resolves dst and checks it against Keep and Within.
func (g Guard) place(dst string) (string, error) {
	real, err := Resolve(dst)
	if err != nil {
		return "", err
	}
	if err := g.check(dst, real); err != nil {
		return "", err
	}
	return real, nil
}

// check checks real, the path dst leads to, against Keep and Within.
func (g Guard) check(dst, real string) error {
	keep := g.Keep
	if wd, err := os.Getwd(); err == nil {
		keep = append(keep[:len(keep):len(keep)], Place{wd, "the working directory"})
	}
	for _, k := range keep {
		rk, err := Resolve(k.Path)
		if err != nil {
			return err
		}
		// A kept path that is a link is kept as a link too: replacing the
		// link would lose it as surely as replacing what it leads to.
		lk, err := location(k.Path)
		if err != nil {
			return err
		}
		if Inside(rk, real) || Inside(lk, real) {
			what := "holds"
			if rk == real || lk == real {
				what = "is"
			}
			return fmt.Errorf("%s %s %s (%s): an export never replaces it", dst, what, k.Name, rk)
		}
	}
	for _, w := range g.Within {
		rw, err := Resolve(w.Path)
		if err != nil {
			return err
		}
		if Inside(real, rw) {
			return fmt.Errorf("%s is inside %s (%s): an export never writes there", dst, w.Name, rw)
		}
	}
	return nil
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

// location makes p absolute with the links of its folders resolved, but
// not p's own: the name a rename to p replaces.
func location(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	dir, err := Resolve(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
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

// notBundle says why the regular file at p is not an archive quipu wrote,
// or "". Only its first bytes and its entries up to the manifest are read
// (bundle.Identify), so a file of any size costs little.
func notBundle(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	format, ok := bundle.Detect(head[:n])
	if !ok {
		return "is not a tar.gz or zip archive"
	}
	var src bundle.Source
	if format == bundle.Zip {
		fi, err := f.Stat()
		if err != nil {
			return err.Error()
		}
		src = bundle.ZipSource(f, fi.Size())
	} else {
		src = bundle.TarGzSource(func() (io.ReadCloser, error) {
			_, err := f.Seek(0, io.SeekStart)
			return io.NopCloser(f), err
		})
	}
	if _, err := bundle.Identify(src); err != nil {
		return "is not an archive quipu wrote (" + err.Error() + ")"
	}
	return ""
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
