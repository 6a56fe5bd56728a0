package bundle

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func sample() (Meta, []Stats, []File) {
	meta := Meta{Version: "0.1.0", Commit: "abc123", Epoch: 1700000000, BaseURL: "https://example.org/site", SourceLocale: "en"}
	stats := []Stats{
		{Locale: "en", Documents: 2, Segments: 10, Translated: 10},
		{Locale: "es-PE", Documents: 2, Segments: 10, Translated: 6, Stale: 1},
	}
	files := []File{
		{Path: "es-PE/guide/intro.html", Locale: "es-PE", Kind: KindPage, Data: []byte("<p>hola</p>")},
		{Path: "en/guide/intro.html", Locale: "en", Kind: KindPage, Data: []byte("<p>hello</p>")},
		{Path: "en/guide/intro.md", Locale: "en", Kind: KindMarkdown, Data: []byte("hello\n")},
		{Path: "en/[.html", Locale: "en", Kind: KindPage, Data: []byte("<p>[</p>")},
		{Path: "es-PE/[.html", Locale: "es-PE", Kind: KindPage, Data: []byte("<p>[</p>")},
		{Path: "en/guide/img/a.png", Locale: "en", Kind: KindAsset, Data: []byte{0x89, 'P', 'N', 'G'}},
	}
	return meta, stats, files
}

func mustNew(t *testing.T, meta Meta, stats []Stats, files []File) *Bundle {
	t.Helper()
	b, err := New(meta, stats, files)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func archive(t *testing.T, f Format, b *Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, b.Entries(), b.Manifest.SourceDateEpoch); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestManifest(t *testing.T) {
	meta, stats, files := sample()
	b := mustNew(t, meta, stats, files)
	m := b.Manifest
	if m.BaseURL != "https://example.org/site/" {
		t.Errorf("base URL %q, want a trailing slash", m.BaseURL)
	}
	if got := m.Locales[1].Coverage; got != 60 {
		t.Errorf("es-PE coverage %v, want 60", got)
	}
	var paths []string
	for _, e := range m.Files {
		paths = append(paths, e.Path)
	}
	want := []string{"en/[.html", "en/guide/img/a.png", "en/guide/intro.html", "en/guide/intro.md", "es-PE/[.html", "es-PE/guide/intro.html", "sitemap.xml"}
	if d := cmp.Diff(want, paths); d != "" {
		t.Errorf("manifest paths (-want +got):\n%s", d)
	}
	if e := m.Files[3]; e.Bytes != 6 || e.SHA256.String() != "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03" || e.Locale != "en" || e.Kind != KindMarkdown {
		t.Errorf("entry %+v", e)
	}
	back, err := DecodeManifest(EncodeManifest(&m))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(&m, back); d != "" {
		t.Errorf("manifest round trip (-want +got):\n%s", d)
	}
	if _, err := DecodeManifest([]byte(`{"quipu_version":"1","surprise":1}`)); err == nil {
		t.Error("unknown manifest field accepted")
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		tr, seg int
		want    float64
	}{{0, 0, 100}, {0, 5, 0}, {1, 3, 33.33}, {2, 3, 66.66}, {99999, 100000, 99.99}, {5, 5, 100}} {
		if got := Percent(tc.tr, tc.seg); got != tc.want {
			t.Errorf("Percent(%d, %d) = %v, want %v", tc.tr, tc.seg, got, tc.want)
		}
	}
}

func TestNewRejects(t *testing.T) {
	meta, stats, _ := sample()
	for _, files := range [][]File{
		{{Path: "../x", Data: nil}},
		{{Path: "manifest.json"}},
		{{Path: "en/a.html", Data: []byte("1")}, {Path: "en/a.html", Data: []byte("2")}},
	} {
		if _, err := New(meta, stats, files); err == nil {
			t.Errorf("New accepted %+v", files)
		}
	}
}

func TestSitemap(t *testing.T) {
	meta, stats, files := sample()
	b := mustNew(t, meta, stats, files)
	var got string
	for _, f := range b.Files {
		if f.Path == SitemapName {
			got = string(f.Data)
		}
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>https://example.org/site/en/%5B.html</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/site/en/%5B.html"/>
    <xhtml:link rel="alternate" hreflang="es-PE" href="https://example.org/site/es-PE/%5B.html"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/site/en/%5B.html"/>
  </url>
  <url>
    <loc>https://example.org/site/es-PE/%5B.html</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/site/en/%5B.html"/>
    <xhtml:link rel="alternate" hreflang="es-PE" href="https://example.org/site/es-PE/%5B.html"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/site/en/%5B.html"/>
  </url>
  <url>
    <loc>https://example.org/site/en/guide/intro.html</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/site/en/guide/intro.html"/>
    <xhtml:link rel="alternate" hreflang="es-PE" href="https://example.org/site/es-PE/guide/intro.html"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/site/en/guide/intro.html"/>
  </url>
  <url>
    <loc>https://example.org/site/es-PE/guide/intro.html</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/site/en/guide/intro.html"/>
    <xhtml:link rel="alternate" hreflang="es-PE" href="https://example.org/site/es-PE/guide/intro.html"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/site/en/guide/intro.html"/>
  </url>
</urlset>
`
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sitemap (-want +got):\n%s", d)
	}
}

// TestReproducible: the same inputs in any order give the same bytes, and
// nothing of the machine (owner, umask, clock) gets into them.
func TestReproducible(t *testing.T) {
	meta, stats, files := sample()
	rev := make([]File, len(files))
	for i, f := range files {
		rev[len(files)-1-i] = f
	}
	for _, format := range []Format{TarGz, Zip} {
		a := archive(t, format, mustNew(t, meta, stats, files))
		b := archive(t, format, mustNew(t, meta, stats, rev))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two archives of the same files differ", format)
		}
		got, problems, err := Read(a)
		if err != nil || len(problems) > 0 {
			t.Fatalf("%s: read back: %v %v", format, err, problems)
		}
		if _, problems := Verify(got); len(problems) > 0 {
			t.Errorf("%s: verify: %v", format, problems)
		}
	}
}

func TestTarHeaders(t *testing.T) {
	meta, stats, files := sample()
	data := archive(t, TarGz, mustNew(t, meta, stats, files))
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header carries name %q, time %v", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		wantMode := int64(0o644)
		if h.Typeflag == tar.TypeDir {
			wantMode = 0o755
		}
		if h.Mode != wantMode || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || !h.ModTime.Equal(time.Unix(meta.Epoch, 0)) {
			t.Errorf("%s: mode %o uid %d gid %d uname %q gname %q mtime %v", h.Name, h.Mode, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime)
		}
	}
	want := []string{"en/", "en/[.html", "en/guide/", "en/guide/img/", "en/guide/img/a.png", "en/guide/intro.html", "en/guide/intro.md", "es-PE/", "es-PE/[.html", "es-PE/guide/", "es-PE/guide/intro.html", "manifest.json", "sitemap.xml"}
	if d := cmp.Diff(want, names); d != "" {
		t.Errorf("entry order (-want +got):\n%s", d)
	}
}

func TestZipHeaders(t *testing.T) {
	meta, stats, files := sample()
	meta.Epoch = 0 // before 1980: zip entries get the earliest time they can hold
	data := archive(t, Zip, mustNew(t, meta, stats, files))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		want := FileMode
		if strings.HasSuffix(f.Name, "/") {
			want = DirMode | 1<<31
		}
		if f.Mode() != want || !f.Modified.Equal(zipEpoch) {
			t.Errorf("%s: mode %v modified %v", f.Name, f.Mode(), f.Modified)
		}
	}
}

func TestVerify(t *testing.T) {
	meta, stats, files := sample()
	good := mustNew(t, meta, stats, files).Entries()
	edit := func(fn func([]File) []File) []File {
		c := make([]File, len(good))
		copy(c, good)
		return fn(c)
	}
	for _, tc := range []struct {
		name  string
		files []File
		want  []string
	}{
		{"intact", good, nil},
		{"changed byte", edit(func(fs []File) []File {
			fs[0].Data = []byte("<p>[!/p>")
			return fs
		}), []string{"en/[.html: sha256 "}},
		{"changed size", edit(func(fs []File) []File {
			fs[0].Data = []byte("x")
			return fs
		}), []string{"en/[.html: 1 bytes, the manifest says 8"}},
		{"missing", edit(func(fs []File) []File { return fs[1:] }), []string{"en/[.html: missing"}},
		{"extra", edit(func(fs []File) []File { return append(fs, File{Path: "en/extra.html"}) }), []string{"en/extra.html: not in the manifest"}},
		{"no manifest", edit(func(fs []File) []File {
			var out []File
			for _, f := range fs {
				if f.Path != ManifestName {
					out = append(out, f)
				}
			}
			return out
		}), []string{"manifest.json: missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := Verify(tc.files)
			if len(problems) != len(tc.want) {
				t.Fatalf("problems %q, want %q", problems, tc.want)
			}
			for i, p := range problems {
				if !strings.HasPrefix(p, tc.want[i]) {
					t.Errorf("problem %q, want %q", p, tc.want[i])
				}
			}
		})
	}
}

// TestMerge: shards merged give the bundle one machine makes, byte for byte.
func TestMerge(t *testing.T) {
	meta, _, files := sample()
	whole := mustNew(t, meta, []Stats{{Locale: "en", Documents: 2, Segments: 10, Translated: 10}, {Locale: "es-PE", Documents: 2, Segments: 10, Translated: 6, Stale: 1}}, files)
	// Shard 0 has the [ page, shard 1 the guide; both reference the same
	// asset, as two documents in two shards may.
	shard := func(i int, prefix string, st []Stats) *Bundle {
		m := meta
		m.Shard = []string{"0/2", "1/2"}[i]
		var part []File
		for _, f := range files {
			if strings.Contains(f.Path, prefix) || f.Kind == KindAsset {
				part = append(part, f)
			}
		}
		return mustNew(t, m, st, part)
	}
	s0 := shard(0, "[", []Stats{{Locale: "en", Documents: 1, Segments: 4, Translated: 4}, {Locale: "es-PE", Documents: 1, Segments: 4, Translated: 1}})
	s1 := shard(1, "guide", []Stats{{Locale: "en", Documents: 1, Segments: 6, Translated: 6}, {Locale: "es-PE", Documents: 1, Segments: 6, Translated: 5, Stale: 1}})
	for _, order := range [][]*Bundle{{s0, s1}, {s1, s0}} {
		merged, err := Merge(order)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{TarGz, Zip} {
			if !bytes.Equal(archive(t, f, whole), archive(t, f, merged)) {
				t.Errorf("%s: merged shards differ from the whole export", f)
			}
		}
	}
	for _, tc := range []struct {
		name   string
		shards []*Bundle
		want   string
	}{
		{"missing", []*Bundle{s0}, "missing shards: 1/2"},
		{"twice", []*Bundle{s0, s0}, "given twice"},
		{"whole", []*Bundle{whole}, "not a shard"},
	} {
		if _, err := Merge(tc.shards); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want %q", tc.name, err, tc.want)
		}
	}
	other := *s1
	other.Manifest.Commit = "def456"
	if _, err := Merge([]*Bundle{s0, &other}); err == nil {
		t.Error("shards of different commits merged")
	}
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		i, n int
		ok   bool
	}{{"0/1", 0, 1, true}, {"3/4", 3, 4, true}, {"4/4", 0, 0, false}, {"-1/4", 0, 0, false}, {"1", 0, 0, false}, {"a/b", 0, 0, false}, {"0/0", 0, 0, false}} {
		i, n, err := ParseShard(tc.in)
		if (err == nil) != tc.ok || i != tc.i || n != tc.n {
			t.Errorf("ParseShard(%q) = %d, %d, %v", tc.in, i, n, err)
		}
	}
}

func TestCheckPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"en/a.html", true}, {"en/[.html", true}, {"a..b", true},
		{"", false}, {"../x", false}, {"a/../../x", false}, {"/etc/passwd", false}, {"a\\..\\x", false},
		{"C:x", false}, {"./a", false}, {"a//b", false}, {"a/", false}, {".", false}, {"a/..", false}, {"a\x00b", false},
	} {
		if err := CheckPath(tc.path); (err == nil) != tc.ok {
			t.Errorf("CheckPath(%q) = %v, want ok %v", tc.path, err, tc.ok)
		}
	}
}
