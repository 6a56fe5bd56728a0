package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Item is one entry of a bundle, as a Source walks it.
type Item struct {
	Name string
	Dir  bool
	// Problem, when set, says why the entry is neither a plain file nor a
	// folder (a link, a device, a sparse file); it is not read.
	Problem string
	// Size is what the entry says it holds, before anything is read.
	Size int64
	// R reads a file's contents; it may hold more than Size, so read at
	// most what you expect.
	R io.Reader
}

// Source is a bundle's entries, walked in the order they are stored, each
// read as it streams by: a Source never holds an entry in memory.
type Source interface {
	// Walk calls visit for each entry; visit returning ErrStop ends the
	// walk early without error.
	Walk(visit func(*Item) error) error
}

// ErrStop ends a Walk early.
var ErrStop = errors.New("stop walking")

// TarGzSource is a .tar.gz bundle; open gives its bytes from the start, anew
// for each walk.
func TarGzSource(open func() (io.ReadCloser, error)) Source { return tarGz(open) }

type tarGz func() (io.ReadCloser, error)

func (open tarGz) Walk(visit func(*Item) error) error {
	rc, err := open()
	if err != nil {
		return err
	}
	defer rc.Close()
	gz, err := gzip.NewReader(rc)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			return err
		}
		// `tar czf b.tar.gz -C dir .` names every entry "./…", and the
		// folder itself "./": the same paths, in tar's common form. Only
		// that one prefix goes; "..", absolute paths and "./" inside a path
		// are still refused by CheckPath.
		name := strings.TrimPrefix(h.Name, "./")
		if h.Typeflag == tar.TypeDir && (name == "" || name == ".") {
			continue
		}
		it := &Item{Name: name, Size: h.Size}
		switch {
		case sparse(h):
			// A sparse entry unpacks to far more than it stores; a
			// bundle has no use for one.
			it.Problem = fmt.Sprintf("%s: a sparse file; a bundle holds only plain files and folders", h.Name)
		case h.Typeflag == tar.TypeReg:
			it.R = tr
		case h.Typeflag == tar.TypeDir:
			it.Dir, it.Name = true, strings.TrimSuffix(name, "/")
		case h.Typeflag == tar.TypeXGlobalHeader:
			continue
		default:
			it.Problem = fmt.Sprintf("%s: a %s entry; a bundle holds only files and folders", h.Name, tarKind(h.Typeflag))
		}
		if err := visit(it); err != nil {
			return stopped(err)
		}
	}
}

func stopped(err error) error {
	if err == ErrStop {
		return nil
	}
	return err
}

// DirSource is a bundle folder. Symbolic links are problems, never
// followed.
func DirSource(fsys fs.FS) Source { return dirSource{fsys} }

type dirSource struct{ fsys fs.FS }

func (d dirSource) Walk(visit func(*Item) error) error {
	err := fs.WalkDir(d.fsys, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name == "." {
			return nil
		}
		it := &Item{Name: name}
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			it.Problem = fmt.Sprintf("%s: a symbolic link; a bundle holds only files and folders", name)
		case e.IsDir():
			it.Dir = true
		case !e.Type().IsRegular():
			it.Problem = fmt.Sprintf("%s: not a regular file", name)
		default:
			fi, err := e.Info()
			if err != nil {
				return err
			}
			f, err := d.fsys.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			it.Size, it.R = fi.Size(), f
		}
		return visit(it)
	})
	return stopped(err)
}

// FilesSource is a bundle held in memory.
func FilesSource(files []File) Source { return filesSource(files) }

type filesSource []File

func (fs filesSource) Walk(visit func(*Item) error) error {
	for _, f := range fs {
		if err := visit(&Item{Name: f.Path, Size: int64(len(f.Data)), R: bytes.NewReader(f.Data)}); err != nil {
			return stopped(err)
		}
	}
	return nil
}
