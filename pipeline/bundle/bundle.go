// Package bundle packs a localized site into a reproducible archive with a
// manifest and a sitemap, and checks an archive against its manifest.
package bundle

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"path"
	"sort"
	"strings"
)

// Names of the files every bundle carries at its root.
const (
	ManifestName = "manifest.json"
	SitemapName  = "sitemap.xml"
)

// Kinds of files in a bundle.
const (
	KindPage     = "page"     // a document's HTML page
	KindMarkdown = "markdown" // a document's localized Markdown
	KindAsset    = "asset"    // a file a page references (image, stylesheet, …)
	KindSitemap  = "sitemap"
)

// File is one file of a bundle.
type File struct {
	Path   string // slash-separated, relative to the bundle's root
	Locale string // empty for files of the whole bundle (the sitemap)
	Kind   string
	Data   []byte
}

// Meta describes where a bundle comes from. It is the same for every shard
// of one export, so merged shards carry the meta one machine would write.
type Meta struct {
	Version      string // quipu's version
	Commit       string // the source's git commit, if known
	Epoch        int64  // the timestamp of every entry, in seconds since 1970
	BaseURL      string // where the site is published, for the sitemap
	SourceLocale string
	// Shard is "I/N" for one part of a sharded export, empty for a whole
	// one.
	Shard string
}

// Stats sum up one locale of a bundle. They add up across shards.
type Stats struct {
	Locale     string `json:"locale"`
	Documents  int    `json:"documents"`
	Segments   int    `json:"segments"`
	Translated int    `json:"translated"`
	// Stale counts segments whose translation is fuzzy (the source changed
	// since): they are not counted as translated.
	Stale int `json:"stale"`
	// Coverage is Translated as a percentage of Segments, rounded down to
	// two decimals so that 99.999% never reads as 100%.
	Coverage float64 `json:"coverage"`
}

// Percent computes the coverage of translated among segments, rounded down
// to two decimals; a locale with nothing to translate is complete.
func Percent(translated, segments int) float64 {
	if segments == 0 {
		return 100
	}
	return math.Floor(float64(translated)*10000/float64(segments)) / 100
}

// Manifest is the bundle's table of contents, written as manifest.json.
type Manifest struct {
	// Generator is always "quipu": it tells a folder quipu wrote, and may
	// replace, from any other folder with a manifest.json.
	Generator       string  `json:"generator"`
	Version         string  `json:"quipu_version"`
	Commit          string  `json:"commit,omitempty"`
	SourceDateEpoch int64   `json:"source_date_epoch"`
	BaseURL         string  `json:"base_url"`
	SourceLocale    string  `json:"source_locale"`
	Shard           string  `json:"shard,omitempty"`
	Locales         []Stats `json:"locales"`
	Files           []Entry `json:"files"`
}

// Entry is a file as the manifest lists it.
type Entry struct {
	Path   string `json:"path"`
	Locale string `json:"locale,omitempty"`
	Kind   string `json:"kind"`
	Bytes  int64  `json:"bytes"`
	SHA256 Digest `json:"sha256"`
}

// Meta returns the meta the manifest was written from.
func (m *Manifest) Meta() Meta {
	return Meta{Version: m.Version, Commit: m.Commit, Epoch: m.SourceDateEpoch, BaseURL: m.BaseURL, SourceLocale: m.SourceLocale, Shard: m.Shard}
}

// Bundle is a complete bundle: its files, the sitemap and the manifest.
type Bundle struct {
	Manifest Manifest
	// Files are sorted by path; the manifest is not among them.
	Files []File
}

// New assembles a bundle from the built files of each locale. Its bytes
// depend on its arguments only, and not on their order, so every machine,
// and every merge of shards, makes the same bundle from the same inputs.
func New(meta Meta, stats []Stats, files []File) (*Bundle, error) {
	if meta.BaseURL == "" {
		meta.BaseURL = "/"
	} else if !strings.HasSuffix(meta.BaseURL, "/") {
		meta.BaseURL += "/"
	}
	b := &Bundle{Manifest: Manifest{
		Generator:       Generator,
		Version:         meta.Version,
		Commit:          meta.Commit,
		SourceDateEpoch: meta.Epoch,
		BaseURL:         meta.BaseURL,
		SourceLocale:    meta.SourceLocale,
		Shard:           meta.Shard,
	}}
	for _, s := range stats {
		s.Coverage = Percent(s.Translated, s.Segments)
		b.Manifest.Locales = append(b.Manifest.Locales, s)
	}
	seen := map[string]int{}
	for _, f := range files {
		if err := CheckPath(f.Path); err != nil {
			return nil, err
		}
		if f.Path == ManifestName || f.Path == SitemapName {
			return nil, fmt.Errorf("%s: reserved for the bundle's own %s", f.Path, f.Path)
		}
		if i, dup := seen[f.Path]; dup {
			// The same asset referenced from documents of two shards.
			if bytes.Equal(b.Files[i].Data, f.Data) && b.Files[i].Kind == f.Kind && b.Files[i].Locale == f.Locale {
				continue
			}
			return nil, fmt.Errorf("%s: two different files for one path", f.Path)
		}
		seen[f.Path] = len(b.Files)
		b.Files = append(b.Files, f)
	}
	locales := make([]string, len(stats))
	for i, s := range stats {
		locales[i] = s.Locale
	}
	b.Files = append(b.Files, File{Path: SitemapName, Kind: KindSitemap, Data: Sitemap(meta.BaseURL, meta.SourceLocale, locales, b.Files)})
	sort.Slice(b.Files, func(i, j int) bool { return b.Files[i].Path < b.Files[j].Path })
	for _, f := range b.Files {
		b.Manifest.Files = append(b.Manifest.Files, entryOf(f))
	}
	return b, nil
}

func entryOf(f File) Entry {
	return Entry{Path: f.Path, Locale: f.Locale, Kind: f.Kind, Bytes: int64(len(f.Data)), SHA256: sha256.Sum256(f.Data)}
}

// Entries returns every file of the bundle, the manifest included, sorted
// by path: what an archive holds.
func (b *Bundle) Entries() []File {
	all := make([]File, 0, len(b.Files)+1)
	all = append(all, b.Files...)
	all = append(all, File{Path: ManifestName, Data: EncodeManifest(&b.Manifest)})
	sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	return all
}

// CheckPath rejects a path that could write outside a bundle's folder or
// mean different files on different systems: empty, absolute, with a drive
// letter, a backslash, a NUL, a "." or ".." element, or not in clean form.
func CheckPath(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("empty path")
	case strings.ContainsAny(p, "\\\x00"):
		return fmt.Errorf("%q: backslash or NUL in path", p)
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("%q: absolute path", p)
	case len(p) >= 2 && p[1] == ':':
		return fmt.Errorf("%q: drive letter in path", p)
	}
	for _, el := range strings.Split(p, "/") {
		if el == ".." {
			return fmt.Errorf("%q: path leaves the bundle", p)
		}
	}
	if path.Clean(p) != p || p == "." {
		return fmt.Errorf("%q: path not in clean form", p)
	}
	return nil
}
