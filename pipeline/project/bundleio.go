package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
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

// WriteBundle writes a bundle to dst: an archive written atomically, or a
// folder. A folder replaces an earlier bundle folder (one with a
// manifest.json) but never another folder with contents.
func WriteBundle(dst string, format bundle.Format, b *bundle.Bundle) error {
	epoch := b.Manifest.SourceDateEpoch
	if format == bundle.Dir {
		return writeDir(dst, b.Entries(), epoch)
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, format, b.Entries(), epoch); err != nil {
		return err
	}
	return fsutil.WriteDurable(dst, buf.Bytes())
}

func writeDir(dst string, files []bundle.File, epoch int64) error {
	if err := replaceable(dst); err != nil {
		return err
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
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// replaceable refuses to overwrite anything but an earlier bundle folder
// or an empty one.
func replaceable(dst string) error {
	fi, err := os.Lstat(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dst)
	}
	if _, err := os.Stat(filepath.Join(dst, bundle.ManifestName)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s exists and holds files but no %s: not replacing it", dst, bundle.ManifestName)
	}
	return nil
}

// ReadBundle reads a bundle, a tar.gz or zip archive or a folder, into
// memory, never writing anything. Entries that could lead outside the
// bundle (".." or absolute paths, symbolic links) are problems, and are
// not read.
func ReadBundle(src string) (files []bundle.File, problems []string, err error) {
	fi, err := os.Stat(src)
	if err != nil {
		return nil, nil, err
	}
	if !fi.IsDir() {
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, nil, err
		}
		files, problems, err = bundle.Read(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", src, err)
		}
		return files, problems, nil
	}
	err = filepath.WalkDir(src, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name == src {
			return nil
		}
		rel, err := filepath.Rel(src, name)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if err := bundle.CheckPath(rel); err != nil {
			problems = append(problems, fmt.Sprintf("unsafe entry: %v", err))
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			problems = append(problems, fmt.Sprintf("%s: a symbolic link; a bundle holds only files and folders", rel))
		case d.IsDir():
		case !d.Type().IsRegular():
			problems = append(problems, fmt.Sprintf("%s: not a regular file", rel))
		default:
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			files = append(files, bundle.File{Path: rel, Data: data})
		}
		return nil
	})
	return files, problems, err
}

// LoadBundle reads a bundle and checks it against its manifest.
func LoadBundle(src string) (*bundle.Bundle, error) {
	files, problems, err := ReadBundle(src)
	if err != nil {
		return nil, err
	}
	if len(problems) == 0 {
		var b *bundle.Bundle
		if b, problems = bundle.Load(files); b != nil {
			return b, nil
		}
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
