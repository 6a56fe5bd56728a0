package project

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/safeout"
)

// SourceDateEpoch is the time every entry of a bundle carries, so that
// exports of the same sources are identical: $SOURCE_DATE_EPOCH (the
// reproducible-builds convention), else the time of the last git commit,
// else 0.
func SourceDateEpoch(root string) (int64, error) {
	if v, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok && v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative number of seconds", v)
		}
		return n, nil
	}
	if out := git(root, "log", "-1", "--format=%ct"); out != "" {
		if n, err := strconv.ParseInt(out, 10, 64); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, nil
}

// GitCommit is the commit checked out at root, or "" outside a git
// repository.
func GitCommit(root string) string { return git(root, "rev-parse", "HEAD") }

// git runs a git query quietly; any failure (no git, no repository, no
// commit yet) is an empty answer.
func git(root string, args ...string) string {
	cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// WriteBundle writes a bundle to dst, if guard lets it (see
// safeout.Guard): an archive replaced atomically, or a folder.
func WriteBundle(dst string, format bundle.Format, b *bundle.Bundle, guard safeout.Guard) error {
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

// CheckBundleTarget tells, before any work, whether WriteBundle may write
// to dst.
func CheckBundleTarget(dst string, format bundle.Format, guard safeout.Guard) error {
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

// OpenBundle opens a bundle for streaming: a folder, or an archive whose
// format its first bytes tell (the file is never read whole). close
// releases it.
func OpenBundle(src string) (s bundle.Source, close func() error, err error) {
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

// VerifyBundle checks a bundle against its manifest as it streams by
// (see bundle.Check), never unpacking or writing anything.
func VerifyBundle(src string) (*bundle.Manifest, []string, error) {
	s, close, err := OpenBundle(src)
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

// LoadBundle reads a bundle and checks it against its manifest, within
// the bounds of bundle.Check.
func LoadBundle(src string) (*bundle.Bundle, error) {
	s, close, err := OpenBundle(src)
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

// MergeBundles joins the bundles of the shards of one export into the
// bundle a single machine would have written.
func MergeBundles(srcs []string) (*bundle.Bundle, error) {
	var shards []*bundle.Bundle
	for _, src := range srcs {
		b, err := LoadBundle(src)
		if err != nil {
			return nil, err
		}
		shards = append(shards, b)
	}
	return bundle.Merge(shards)
}

// StatsCoverage turns a bundle's statistics into coverage without gaps,
// for checking a merged bundle: its shards listed the gaps.
func StatsCoverage(stats []bundle.Stats) []Coverage {
	out := make([]Coverage, len(stats))
	for i, s := range stats {
		out[i].Stats = s
	}
	return out
}
