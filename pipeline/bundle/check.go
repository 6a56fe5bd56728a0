package bundle

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Bounds on checking a bundle.
const (
	// MaxProblems is how many problems a check lists; the others are
	// counted in a last line.
	MaxProblems = 100
	// MaxUnpacked bounds the bytes loading a bundle (Load, Read, Check
	// with keep) may hold in memory; verifying holds none.
	MaxUnpacked = 2 << 30
)

// Check checks the bundle src against its manifest: every listed file
// present with its size and SHA-256, nothing unlisted, no entry unsafe.
// Each file is hashed as it streams by, and an entry whose size differs
// from the manifest's is reported without being read, so memory stays
// bounded by the manifest (at most MaxManifest) whatever src holds. The
// manifest is found by a first walk, so an archive is read twice.
//
// With keep, the files' contents are returned too, each with the locale
// and kind its manifest gives, sorted by path: the manifest's sizes must
// then add up to at most MaxUnpacked. Problems are sorted; err is for a
// bundle that cannot be read at all.
func Check(src Source, keep bool) (m *Manifest, files []File, problems []string, err error) {
	var list problemList
	found := false
	var merr error
	err = src.Walk(func(it *Item) error {
		if it.Dir || it.Problem != "" || it.Name != ManifestName {
			return nil
		}
		found = true
		m, merr = readManifestItem(it)
		return ErrStop
	})
	if err != nil {
		return nil, nil, nil, err
	}
	switch {
	case !found:
		list.add("%s: missing", ManifestName)
	case merr != nil:
		list.add("%s", merr)
		m = nil
	}
	// The manifest's entries sorted by path are the index: a binary
	// search finds an entry, and duplicates sit side by side.
	var state []uint8
	if m != nil {
		slices.SortStableFunc(m.Files, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
		state = make([]uint8, len(m.Files))
		var total int64
		for i, e := range m.Files {
			if err := CheckPath(e.Path); err != nil {
				list.add("%s: lists an unsafe path: %v", ManifestName, err)
				state[i] = invalid
			} else if i > 0 && m.Files[i-1].Path == e.Path {
				list.add("%s: lists %s twice", ManifestName, e.Path)
				state[i] = invalid
			}
			total += min(e.Bytes, MaxUnpacked+1) // no overflow
		}
		if keep && total > MaxUnpacked {
			return nil, nil, nil, fmt.Errorf("%s: lists more than %d bytes", ManifestName, int64(MaxUnpacked))
		}
	}
	c := &checker{m: m, state: state, list: &list}
	if err := c.walk(src, false); err != nil {
		return nil, nil, nil, err
	}
	// Loading reads the files again, only once all of them verified: a
	// bundle that lies costs no memory.
	if keep && m != nil && len(list.list) == 0 {
		clear(c.state)
		if err := c.walk(src, true); err != nil {
			return nil, nil, nil, err
		}
		files = c.files
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return m, files, list.done(), nil
}

// readEntry reads want bytes from r, and one more to tell an entry longer
// than said, hashing them; keep returns them too.
func readEntry(r io.Reader, want int64, keep bool) (n int64, sum Digest, data []byte, err error) {
	if !keep {
		h := sha256.New()
		n, err = io.Copy(h, io.LimitReader(r, want+1))
		h.Sum(sum[:0])
		return n, sum, nil, err
	}
	data = make([]byte, want)
	k, err := io.ReadFull(r, data)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return int64(k), sum, nil, nil
	}
	if err != nil {
		return 0, sum, nil, err
	}
	var one [1]byte
	if m, _ := io.ReadFull(r, one[:]); m > 0 {
		return want + 1, sum, nil, nil
	}
	return want, sha256.Sum256(data), data, nil
}

// problemList keeps the first MaxProblems problems and counts the rest: a
// crafted archive of millions of entries cannot fill memory with them.
type problemList struct {
	list []string
	more int
}

func (p *problemList) add(format string, args ...any) {
	if len(p.list) == MaxProblems {
		p.more++
		return
	}
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *problemList) done() []string {
	slices.Sort(p.list)
	if p.more > 0 {
		p.list = append(p.list, fmt.Sprintf("… and %d more problems", p.more))
	}
	return p.list
}

// Verify checks a bundle held in memory against its manifest; see Check.
// It returns the manifest (nil if there is none to read) and the
// problems, sorted; no problem means the bundle is intact.
func Verify(files []File) (*Manifest, []string) {
	m, _, problems, err := Check(FilesSource(files), false)
	if err != nil {
		problems = append(problems, err.Error())
	}
	return m, problems
}

// Load checks files with Verify and returns them as a bundle, each file
// with the locale and kind its manifest gives.
func Load(files []File) (*Bundle, []string) {
	return LoadFrom(FilesSource(files))
}

// LoadFrom checks a bundle as Check does and returns it whole, or the
// problems.
func LoadFrom(src Source) (*Bundle, []string) {
	m, files, problems, err := Check(src, true)
	if err != nil {
		return nil, []string{err.Error()}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return &Bundle{Manifest: *m, Files: files}, nil
}

// Read returns the regular files of a tar.gz or zip archive held in
// memory, for tests and tools on small archives; Check streams. Entries
// that could reach outside a folder they were unpacked into (a ".."
// element, an absolute path), links and devices are not returned but
// listed as problems; so are duplicates. err is for an archive that
// cannot be read.
func Read(data []byte) (files []File, problems []string, err error) {
	var src Source
	switch format, _ := Detect(data); format {
	case TarGz:
		src = TarGzSource(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	case Zip:
		src = ZipSource(bytes.NewReader(data), int64(len(data)))
	default:
		return nil, nil, errors.New("not a tar.gz or zip archive")
	}
	var list problemList
	seen := map[string]bool{}
	var total int64
	err = src.Walk(func(it *Item) error {
		switch err := CheckPath(it.Name); {
		case it.Problem != "":
			list.add("%s", it.Problem)
		case err != nil:
			list.add("unsafe entry: %v", err)
		case it.Dir:
		case seen[it.Name]:
			list.add("%s: appears twice in the archive", it.Name)
		default:
			seen[it.Name] = true
			if it.Size > MaxUnpacked-total {
				return fmt.Errorf("archive unpacks to more than %d bytes", int64(MaxUnpacked))
			}
			data, err := io.ReadAll(io.LimitReader(it.R, it.Size))
			if err != nil {
				return fmt.Errorf("%s: %w", it.Name, err)
			}
			total += int64(len(data))
			files = append(files, File{Path: it.Name, Data: data})
		}
		return nil
	})
	return files, list.done(), err
}

// States of a manifest's entry during a check.
const (
	pending = iota
	seen
	invalid
)

// checker matches a bundle's entries against its manifest.
type checker struct {
	m     *Manifest
	state []uint8 // of each of m.Files
	list  *problemList
	files []File // kept
}

// walk reads every entry of src once, hashing (and with keep, keeping)
// each file the manifest lists, and notes what is missing.
func (c *checker) walk(src Source, keep bool) error {
	m, state, list := c.m, c.state, c.list
	var files []File
	manifests := 0
	err := src.Walk(func(it *Item) error {
		if it.Problem != "" {
			list.add("%s", it.Problem)
			return nil
		}
		if err := CheckPath(it.Name); err != nil {
			list.add("unsafe entry: %v", err)
			return nil
		}
		if it.Dir {
			return nil
		}
		if it.Name == ManifestName {
			if manifests++; manifests == 2 {
				list.add("%s: appears twice in the archive", ManifestName)
			}
			return nil
		}
		if m == nil {
			return nil
		}
		i, ok := slices.BinarySearchFunc(m.Files, it.Name, func(e Entry, name string) int { return strings.Compare(e.Path, name) })
		switch {
		case !ok || state[i] == invalid:
			list.add("%s: not in the manifest", it.Name)
			return nil
		case state[i] == seen:
			list.add("%s: appears twice in the archive", it.Name)
			return nil
		}
		state[i] = seen
		e := &m.Files[i]
		if it.Size != e.Bytes {
			list.add("%s: %d bytes, the manifest says %d", it.Name, it.Size, e.Bytes)
			return nil
		}
		n, sum, data, err := readEntry(it.R, e.Bytes, keep)
		switch {
		case err != nil:
			return fmt.Errorf("%s: %w", it.Name, err)
		case n > e.Bytes:
			list.add("%s: more than the %d bytes the manifest says", it.Name, e.Bytes)
		case n < e.Bytes:
			list.add("%s: %d bytes, the manifest says %d", it.Name, n, e.Bytes)
		case sum != e.SHA256:
			list.add("%s: sha256 %s, the manifest says %s", it.Name, sum, e.SHA256)
		case keep:
			files = append(files, File{Path: e.Path, Locale: e.Locale, Kind: e.Kind, Data: data})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, s := range state {
		if s == pending {
			e := m.Files[i]
			list.add("%s: missing", e.Path)
		}
	}
	c.files = files
	return nil
}
