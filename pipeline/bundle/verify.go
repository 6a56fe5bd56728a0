package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Verify checks a bundle's files against its manifest: every listed file
// present with its size and SHA-256, no file unlisted, no path unsafe. It
// returns the manifest (nil if there is none to read) and the problems,
// sorted; no problem means the bundle is intact.
func Verify(files []File) (*Manifest, []string) {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	byPath := make(map[string]File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}
	mf, ok := byPath[ManifestName]
	if !ok {
		return nil, []string{ManifestName + ": missing"}
	}
	m, err := DecodeManifest(mf.Data)
	if err != nil {
		return nil, []string{err.Error()}
	}
	listed := make(map[string]bool, len(m.Files))
	for _, e := range m.Files {
		if err := CheckPath(e.Path); err != nil {
			add("%s: lists an unsafe path: %v", ManifestName, err)
			continue
		}
		if listed[e.Path] {
			add("%s: lists %s twice", ManifestName, e.Path)
			continue
		}
		listed[e.Path] = true
		f, ok := byPath[e.Path]
		switch {
		case !ok:
			add("%s: missing", e.Path)
		case int64(len(f.Data)) != e.Bytes:
			add("%s: %d bytes, the manifest says %d", e.Path, len(f.Data), e.Bytes)
		default:
			sum := sha256.Sum256(f.Data)
			if got := hex.EncodeToString(sum[:]); got != e.SHA256 {
				add("%s: sha256 %s, the manifest says %s", e.Path, got, e.SHA256)
			}
		}
	}
	for _, f := range files {
		if f.Path != ManifestName && !listed[f.Path] {
			add("%s: not in the manifest", f.Path)
		}
	}
	sort.Strings(problems)
	return m, problems
}

// Load checks files with Verify and returns them as a bundle, each file
// with the locale and kind its manifest gives.
func Load(files []File) (*Bundle, []string) {
	m, problems := Verify(files)
	if len(problems) > 0 {
		return nil, problems
	}
	byPath := make(map[string]File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}
	b := &Bundle{Manifest: *m}
	for _, e := range m.Files {
		f := byPath[e.Path]
		f.Locale, f.Kind = e.Locale, e.Kind
		b.Files = append(b.Files, f)
	}
	sort.Slice(b.Files, func(i, j int) bool { return b.Files[i].Path < b.Files[j].Path })
	return b, nil
}

// ParseShard reads "I/N": part I, counted from 0, of N.
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.Atoi(a)
	}
	if ok && err == nil {
		n, err = strconv.Atoi(b)
	}
	if !ok || err != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("shard %q: want I/N with 0 <= I < N, such as 0/4", s)
	}
	return i, n, nil
}

// Merge joins the shards of one export into the bundle one machine would
// have made from the same inputs: the shards' files, their summed
// statistics, and a sitemap and manifest made anew. Every shard must be
// there exactly once, and all must come from the same sources and options.
func Merge(shards []*Bundle) (*Bundle, error) {
	if len(shards) == 0 {
		return nil, fmt.Errorf("no shards to merge")
	}
	first := shards[0].Manifest
	var count int
	have := map[int]bool{}
	locales := make([]string, len(first.Locales))
	for i, s := range first.Locales {
		locales[i] = s.Locale
	}
	sums := make([]Stats, len(locales))
	var files []File
	for k, b := range shards {
		m := b.Manifest
		if m.Shard == "" {
			return nil, fmt.Errorf("bundle %d is a whole export, not a shard", k+1)
		}
		i, n, err := ParseShard(m.Shard)
		if err != nil {
			return nil, err
		}
		if k == 0 {
			count = n
		}
		switch {
		case n != count:
			return nil, fmt.Errorf("shard %s is one of %d, shard %s one of %d", m.Shard, n, first.Shard, count)
		case have[i]:
			return nil, fmt.Errorf("shard %s given twice", m.Shard)
		}
		have[i] = true
		mm, fm := m.Meta(), first.Meta()
		mm.Shard, fm.Shard = "", ""
		if mm != fm {
			return nil, fmt.Errorf("shard %s and shard %s come from different sources or options (version, commit, time, base URL or source locale)", m.Shard, first.Shard)
		}
		ls := make([]string, len(m.Locales))
		for j, s := range m.Locales {
			ls[j] = s.Locale
		}
		if !slices.Equal(ls, locales) {
			return nil, fmt.Errorf("shard %s has locales %v, shard %s has %v", m.Shard, ls, first.Shard, locales)
		}
		for j, s := range m.Locales {
			sums[j].Locale = s.Locale
			sums[j].Documents += s.Documents
			sums[j].Segments += s.Segments
			sums[j].Translated += s.Translated
			sums[j].Stale += s.Stale
		}
		for _, f := range b.Files {
			if f.Kind != KindSitemap {
				files = append(files, f)
			}
		}
	}
	var missing []string
	for i := range count {
		if !have[i] {
			missing = append(missing, fmt.Sprintf("%d/%d", i, count))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing shards: %s", strings.Join(missing, ", "))
	}
	meta := first.Meta()
	meta.Shard = ""
	return New(meta, sums, files)
}
