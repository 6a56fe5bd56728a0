package bundle

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"
)

// Format is how a bundle is stored.
type Format string

// Formats of a bundle.
const (
	TarGz Format = "tar.gz"
	Zip   Format = "zip"
	Dir   Format = "dir" // a plain folder
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case TarGz, Zip, Dir:
		return f, nil
	case "tgz":
		return TarGz, nil
	}
	return "", fmt.Errorf("unknown format %q (want tar.gz, zip or dir)", s)
}

// Modes every entry gets, whatever the files had on the machine that made
// them.
const (
	FileMode fs.FileMode = 0o644
	DirMode  fs.FileMode = 0o755
)

// Write writes files (sorted by path, as Entries returns them) as an
// archive whose bytes depend on the files and the epoch alone: entries in
// path order, each folder before its contents, every timestamp the epoch,
// owner and group 0 with no names, modes 0644 and 0755, and a gzip header
// with neither name nor time.
func Write(w io.Writer, format Format, files []File, epoch int64) error {
	switch format {
	case TarGz:
		return writeTarGz(w, files, epoch)
	case Zip:
		return writeZip(w, files, epoch)
	}
	return fmt.Errorf("cannot write format %q as an archive", format)
}

// Dirs returns the folders the files need, each as "a/b/", sorted.
func Dirs(files []File) []string {
	seen := map[string]bool{}
	for _, f := range files {
		for d := f.Path; ; {
			i := strings.LastIndexByte(d, '/')
			if i < 0 {
				break
			}
			d = d[:i]
			if seen[d+"/"] {
				break
			}
			seen[d+"/"] = true
		}
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// entry is a file or a folder of an archive, in archive order.
type entry struct {
	name string
	dir  bool
	data []byte
}

// ordered merges folders and files by name: "a/" sorts before "a/x", so
// each folder comes before its contents.
func ordered(files []File) []entry {
	var out []entry
	for _, d := range Dirs(files) {
		out = append(out, entry{name: d, dir: true})
	}
	for _, f := range files {
		out = append(out, entry{name: f.Path, data: f.Data})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func writeTarGz(w io.Writer, files []File, epoch int64) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	// The zero header has no name and a zero time: nothing of the machine
	// or the moment leaks into the bytes.
	gz.Header = gzip.Header{OS: 255}
	tw := tar.NewWriter(gz)
	mtime := time.Unix(epoch, 0).UTC()
	for _, e := range ordered(files) {
		h := &tar.Header{Name: e.name, ModTime: mtime, Mode: int64(FileMode), Typeflag: tar.TypeReg, Size: int64(len(e.data))}
		if e.dir {
			h.Mode, h.Typeflag, h.Size = int64(DirMode), tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// zipEpoch is the earliest time a zip entry can carry: its MS-DOS
// timestamps start in 1980.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func writeZip(w io.Writer, files []File, epoch int64) error {
	zw := zip.NewWriter(w)
	mtime := time.Unix(epoch, 0).UTC()
	if mtime.Before(zipEpoch) {
		mtime = zipEpoch
	}
	for _, e := range ordered(files) {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(FileMode)
		if e.dir {
			h.Method = zip.Store
			h.SetMode(fs.ModeDir | DirMode)
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Detect tells an archive's format from its first bytes.
func Detect(data []byte) (Format, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		return TarGz, true
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return Zip, true
	}
	return "", false
}

func sparse(h *tar.Header) bool {
	for k := range h.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return h.Typeflag == tar.TypeGNUSparse
}

func tarKind(t byte) string {
	switch t {
	case tar.TypeSymlink:
		return "symbolic link"
	case tar.TypeLink:
		return "hard link"
	case tar.TypeChar, tar.TypeBlock:
		return "device"
	case tar.TypeFifo:
		return "FIFO"
	}
	return fmt.Sprintf("type %q", t)
}
