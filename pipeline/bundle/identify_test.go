package bundle

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestIdentifyQuipuArchives: the archives and folders quipu writes are
// told by their manifest.
func TestIdentifyQuipuArchives(t *testing.T) {
	meta, stats, files := sample()
	b := mustNew(t, meta, stats, files)
	for _, f := range []Format{TarGz, Zip} {
		data := archive(t, f, b)
		var src Source
		if f == Zip {
			src = ZipSource(bytes.NewReader(data), int64(len(data)))
		} else {
			src = TarGzSource(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
		}
		m, err := Identify(src)
		if err != nil || m.Generator != Generator {
			t.Errorf("%s: %v, %v", f, m, err)
		}
	}
}

// readCounter counts the bytes read from an entry.
type readCounter struct{ n *int }

func (r readCounter) Read(p []byte) (int, error) {
	*r.n += len(p)
	return len(p), nil
}

// listSource walks items in the order given and counts what is read.
type listSource struct {
	items   []Item
	visited int
	read    int
}

func (s *listSource) Walk(visit func(*Item) error) error {
	for i := range s.items {
		it := s.items[i]
		if !it.Dir && it.Problem == "" && it.R == nil {
			it.R = readCounter{&s.read}
		}
		s.visited++
		if err := visit(&it); err != nil {
			return stopped(err)
		}
	}
	return nil
}

// TestIdentifyStopsEarly: an archive quipu did not write is told from the
// first entry quipu would not have written there, however large the rest;
// no entry but the manifest is read, and an oversized manifest is not.
func TestIdentifyStopsEarly(t *testing.T) {
	meta, stats, files := sample()
	manifest := EncodeManifest(&mustNew(t, meta, stats, files).Manifest)
	quipu := Item{Name: ManifestName, Size: int64(len(manifest)), R: bytes.NewReader(manifest)}
	huge := int64(1) << 40
	for _, tc := range []struct {
		name    string
		items   []Item
		want    string // "" for quipu's
		visited int
	}{
		{"quipu's", []Item{{Name: "en", Dir: true}, {Name: "en/a.html", Size: huge}, quipu, {Name: "sitemap.xml"}}, "", 3},
		{"folder sorting after the manifest", []Item{{Name: "zz", Dir: true}, {Name: "zz/big.iso", Size: huge}, quipu}, "manifest.json: missing", 1},
		{"file sorting after the manifest", []Item{{Name: "word/document.xml", Size: huge}, quipu}, "manifest.json: missing", 1},
		{"out of order", []Item{{Name: "b.txt", Size: huge}, {Name: "a.txt", Size: huge}, quipu}, "manifest.json: missing", 2},
		{"a link", []Item{{Name: "a", Problem: "a: a symbolic link"}, quipu}, "a: a symbolic link", 1},
		{"no manifest", []Item{{Name: "a.txt", Size: huge}}, "manifest.json: missing", 1},
		{"manifest too long", []Item{{Name: ManifestName, Size: MaxManifest + 1}}, "more than the", 1},
		{"someone else's manifest", []Item{{Name: ManifestName, Size: 17, R: strings.NewReader(`{"name":"My app"}`)}}, `unknown field "name"`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := &listSource{items: tc.items}
			_, err := Identify(src)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err %v, want %q", err, tc.want)
			}
			if src.visited != tc.visited || src.read != 0 {
				t.Errorf("visited %d entries and read %d bytes of others, want %d and none", src.visited, src.read, tc.visited)
			}
		})
	}
}
