// Package bundlefile reads and writes bundles on disk, archives and
// folders alike, and writes them only where safeout lets an export write.
package bundlefile

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/safeout"
)

// Write writes a bundle to dst, if guard lets it (see
// safeout.Guard): an archive replaced atomically, or a folder.
func Write(dst string, format bundle.Format, b *bundle.Bundle, guard safeout.Guard) error {
	epoch := b.Manifest.SourceDateEpoch
	if format == bundle.Dir {
		real, err := guard.Dir(dst)
		if err != nil {
			return err
		}
		return writeDir(real, b.Entries(), epoch)
	}
	real, err := guard.File(dst)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, format, b.Entries(), epoch); err != nil {
		return err
	}
	return fsutil.WriteDurable(real, buf.Bytes())
}

// CheckTarget tells, before any work, whether Write may write
// to dst.
func CheckTarget(dst string, format bundle.Format, guard safeout.Guard) error {
	var err error
	if format == bundle.Dir {
		_, err = guard.Dir(dst)
	} else {
		_, err = guard.File(dst)
	}
	return err
}

// writeDir writes the folder beside dst and swaps it in.
func writeDir(dst string, files []bundle.File, epoch int64) error {
	for _, f := range files {
		if err := bundle.CheckPath(f.Path); err != nil {
			return err
		}
	}
	parent := filepath.Dir(dst)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".tmp*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone already once renamed
	for _, d := range bundle.Dirs(files) {
		if err := os.Mkdir(filepath.Join(tmp, filepath.FromSlash(d)), bundle.DirMode); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(f.Path)), f.Data, bundle.FileMode); err != nil {
			return err
		}
	}
	// Modes and times are set last, folders after their contents, so
	// neither the umask nor the writes above leave a trace.
	mtime := time.Unix(epoch, 0)
	all := []string{}
	for _, f := range files {
		all = append(all, f.Path)
	}
	dirs := bundle.Dirs(files)
	for i := len(dirs) - 1; i >= 0; i-- {
		all = append(all, dirs[i])
	}
	all = append(all, "")
	for _, rel := range all {
		name := filepath.Join(tmp, filepath.FromSlash(rel))
		mode := bundle.FileMode
		if rel == "" || strings.HasSuffix(rel, "/") {
			mode = bundle.DirMode
		}
		if err := os.Chmod(name, mode); err != nil {
			return err
		}
		if err := os.Chtimes(name, mtime, mtime); err != nil {
			return err
		}
	}
	return safeout.ReplaceDir(tmp, dst)
}

// Open opens a bundle for streaming: a folder, or an archive whose
// format its first bytes tell (the file is never read whole). close
// releases it.
func Open(src string) (s bundle.Source, close func() error, err error) {
	fi, err := os.Stat(src)
	if err != nil {
		return nil, nil, err
	}
	if fi.IsDir() {
		return bundle.DirSource(os.DirFS(src)), func() error { return nil }, nil
	}
	f, err := os.Open(src)
	if err != nil {
		return nil, nil, err
	}
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	format, ok := bundle.Detect(head[:n])
	switch {
	case !ok:
		f.Close()
		return nil, nil, fmt.Errorf("%s: not a tar.gz or zip archive, nor a folder", src)
	case format == bundle.Zip:
		return bundle.ZipSource(f, fi.Size()), f.Close, nil
	}
	f.Close()
	return bundle.TarGzSource(func() (io.ReadCloser, error) { return os.Open(src) }), func() error { return nil }, nil
}

// Verify checks a bundle against its manifest as it streams by
// (see bundle.Check), never unpacking or writing anything.
func Verify(src string) (*bundle.Manifest, []string, error) {
	s, close, err := Open(src)
	if err != nil {
		return nil, nil, err
	}
	defer close()
	m, _, problems, err := bundle.Check(s, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", src, err)
	}
	return m, problems, nil
}

// Load reads a bundle and checks it against its manifest, within
// the bounds of bundle.Check.
func Load(src string) (*bundle.Bundle, error) {
	s, close, err := Open(src)
	if err != nil {
		return nil, err
	}
	defer close()
	b, problems := bundle.LoadFrom(s)
	if b != nil {
		return b, nil
	}
	return nil, fmt.Errorf("%s: %s", src, strings.Join(problems, "\n"+src+": "))
}

// Merge joins the bundles of the shards of one export into the
// bundle a single machine would have written.
func Merge(srcs []string) (*bundle.Bundle, error) {
	var shards []*bundle.Bundle
	for _, src := range srcs {
		b, err := Load(src)
		if err != nil {
			return nil, err
		}
		shards = append(shards, b)
	}
	return bundle.Merge(shards)
}
