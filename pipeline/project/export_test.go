package project

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/bundlefile"
	"github.com/quipu-l10n/quipu/pipeline/dates"
	"github.com/quipu-l10n/quipu/pipeline/safeout"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// newProject writes a project with n documents in folders, an image two of
// them show, and message files with the first k messages of each document
// translated into es-PE.
func newProject(t testing.TB, n, k int) *Project {
	t.Helper()
	root := t.TempDir()
	write := func(rel, data string) {
		name := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/img/map.png", "\x89PNG fake")
	for i := range n {
		dir := []string{"guide", "ref", "ref/deep"}[i%3]
		doc := fmt.Sprintf("# Page %d\n\nA paragraph about *topic %d*.\n\n- first item %d\n- second item %d\n", i, i, i, i)
		if i < 2 {
			doc += "\n![A map](" + strings.Repeat("../", strings.Count(dir, "/")+1) + "img/map.png)\n"
		}
		write(fmt.Sprintf("content/%s/page-%02d.md", dir, i), doc)
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if k > 0 {
		sources, _ := p.Sources()
		for _, s := range sources {
			name := p.Abs(p.MessagePath("es-PE", s))
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			data = bytes.Replace(data, []byte(`other = ""`), []byte(`other = "traducido"`), k)
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The translator's work is flagged translated by the next sync.
		if _, err := p.Sync(SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

var epoch = int64(1700000000)

func export(t testing.TB, p *Project, opt ExportOptions) *bundle.Bundle {
	t.Helper()
	opt.Epoch = &epoch
	b, _, err := p.Export(opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeBundle(t testing.TB, b *bundle.Bundle, format bundle.Format) []byte {
	t.Helper()
	name := filepath.Join(t.TempDir(), "bundle."+string(format))
	if err := bundlefile.Write(name, format, b, safeout.Guard{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestExportReproducible: two exports of the same project are the same
// bytes, as tar.gz and as zip.
func TestExportReproducible(t *testing.T) {
	p := newProject(t, 6, 1)
	for _, f := range []bundle.Format{bundle.TarGz, bundle.Zip} {
		a := writeBundle(t, export(t, p, ExportOptions{}), f)
		// A rebuild in between rewrites output/; the bundle must not care.
		os.RemoveAll(p.Abs(p.Config.Output))
		b := writeBundle(t, export(t, p, ExportOptions{}), f)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports differ", f)
		}
	}
}

func TestExportContents(t *testing.T) {
	p := newProject(t, 3, 2)
	b := export(t, p, ExportOptions{BaseURL: "https://docs.example.com"})
	var paths []string
	for _, f := range b.Files {
		paths = append(paths, f.Path)
	}
	want := []string{
		"en/guide/page-00.html", "en/guide/page-00.md", "en/img/map.png",
		"en/ref/deep/page-02.html", "en/ref/deep/page-02.md", "en/ref/page-01.html", "en/ref/page-01.md",
		"es-PE/guide/page-00.html", "es-PE/guide/page-00.md", "es-PE/img/map.png",
		"es-PE/ref/deep/page-02.html", "es-PE/ref/deep/page-02.md", "es-PE/ref/page-01.html", "es-PE/ref/page-01.md",
		"sitemap.xml",
	}
	if d := cmp.Diff(want, paths); d != "" {
		t.Errorf("bundle files (-want +got):\n%s", d)
	}
	m := b.Manifest
	if m.Version == "" || m.SourceDateEpoch != epoch || m.BaseURL != "https://docs.example.com/" {
		t.Errorf("manifest header %+v", m)
	}
	got := m.Locales[1]
	if got.Documents != 3 || got.Segments != 14 || got.Translated != 6 || got.Coverage != 42.85 {
		t.Errorf("es-PE stats %+v", got)
	}
}

func TestExportLocales(t *testing.T) {
	p := newProject(t, 1, 0)
	for _, tc := range []struct {
		in   []string
		want []string
		err  bool
	}{
		{nil, []string{"en", "es-PE"}, false},
		{[]string{"es-PE"}, []string{"en", "es-PE"}, false},
		{[]string{"qps", "en"}, []string{"en", "qps"}, false},
		{[]string{"fr"}, nil, true},
	} {
		got, err := p.exportLocales(tc.in)
		if (err != nil) != tc.err || !slices.Equal(got, tc.want) {
			t.Errorf("exportLocales(%v) = %v, %v", tc.in, got, err)
		}
	}
}

func TestMinCoverage(t *testing.T) {
	p := newProject(t, 2, 3)
	// One translation goes fuzzy, one gets a tag the source lacks.
	sources, _ := p.Sources()
	name := p.Abs(p.MessagePath("es-PE", sources[0]))
	data, _ := os.ReadFile(name)
	data = bytes.Replace(data, []byte("#, translated\n"), []byte("#, fuzzy\n"), 1)
	para := bytes.Index(data, []byte(".a-paragraph-about-topic-0-"))
	data = append(data[:para:para], bytes.Replace(data[para:], []byte(`other = "traducido"`), []byte(`other = "traducido <7/>"`), 1)...)
	os.WriteFile(name, data, 0o644)

	_, _, err := p.Export(ExportOptions{MinCoverage: 80, Epoch: &epoch})
	var ce *CoverageError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a CoverageError", err)
	}
	// The first three gaps, and how many more, as the build's warnings.
	if msg := err.Error(); !strings.HasSuffix(msg, "second-item-0-b90de8\n… and 3 more (-v lists them all)") || strings.Contains(msg, "a-map-") {
		t.Errorf("not the first three gaps and a count:\n%s", msg)
	}
	ce.Verbose = true
	msg := err.Error()
	for _, want := range []string{
		"es-PE: 40.00% translated (4 of 10 segments, 1 fuzzy), below --min-coverage 80",
		"content/guide/page-00.md:1:3: es-PE: fuzzy: page-0-",
		"content/guide/page-00.md:3:1: es-PE: rejected: a-paragraph-about-topic-0-",
		"content/guide/page-00.md:6:3: es-PE: missing: second-item-0-",
		"content/guide/page-00.md:8:1: es-PE: missing: a-map-",
		"content/ref/page-01.md:6:3: es-PE: missing: second-item-1-",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "en:") {
		t.Errorf("the source locale is reported:\n%s", msg)
	}
	if _, err := os.Stat(p.Abs(p.Config.Output + "/en")); err == nil {
		t.Error("a refused export built output/")
	}
	if _, _, err := p.Export(ExportOptions{MinCoverage: 40, Epoch: &epoch}); err != nil {
		t.Errorf("40%% translated refused at --min-coverage 40: %v", err)
	}
}

// TestShardMerge: the shards' bundles merged are the whole export, byte
// for byte, in every format.
func TestShardMerge(t *testing.T) {
	p := newProject(t, 12, 2)
	whole := export(t, p, ExportOptions{})
	const n = 3
	dir := t.TempDir()
	var shards []string
	total := 0
	for i := range n {
		b := export(t, p, ExportOptions{Shard: tree.Shard{Index: i, Count: n}})
		total += b.Manifest.Locales[0].Documents
		out := filepath.Join(dir, fmt.Sprintf("shard-%d", i))
		format := []bundle.Format{bundle.Dir, bundle.TarGz, bundle.Zip}[i]
		if err := bundlefile.Write(out, format, b, safeout.Guard{}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, out)
	}
	if total != 12 {
		t.Fatalf("shards hold %d documents, want 12", total)
	}
	merged, err := bundlefile.Merge(shards)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []bundle.Format{bundle.TarGz, bundle.Zip} {
		if !bytes.Equal(writeBundle(t, whole, f), writeBundle(t, merged, f)) {
			t.Errorf("%s: merged shards differ from the whole export", f)
		}
	}
	if _, err := bundlefile.Merge(shards[:2]); err == nil || !strings.Contains(err.Error(), "missing shards: 2/3") {
		t.Errorf("merge of 2 of 3 shards: %v", err)
	}
}

func TestShardPartition(t *testing.T) {
	paths := []string{"common/tar.md", "linux/apt.md", "[.md", "c++.md", "osx/say.md", "a/b/c.md"}
	for _, n := range []int{1, 2, 3, 7} {
		for _, p := range paths {
			owners := 0
			for i := range n {
				if (tree.Shard{Index: i, Count: n}).Has(p) {
					owners++
				}
			}
			if owners != 1 {
				t.Errorf("%s is in %d of %d shards", p, owners, n)
			}
		}
	}
	// The partition is part of the recipe machines agree on: FNV-1a 32 of
	// the path, mod N. A change would scatter shards of mixed versions.
	if !(tree.Shard{Index: 3, Count: 4}).Has("common/tar.md") {
		t.Error("common/tar.md moved out of shard 3/4")
	}
	if _, err := tree.ParseShard("4/4"); err == nil {
		t.Error("tree.ParseShard(4/4) accepted")
	}
}

func TestAssets(t *testing.T) {
	p := newProject(t, 1, 0)
	for _, rel := range []string{"guide/img/a.png", "guide/style.css", "guide/v.mp4", "guide/other.md", "secret.dat"} {
		os.MkdirAll(filepath.Dir(p.Abs("content/"+rel)), 0o755)
		os.WriteFile(p.Abs("content/"+rel), []byte("x"), 0o644)
	}
	os.Symlink("/etc/passwd", p.Abs("content/guide/link.png"))
	page := `<link rel="stylesheet" href="style.css"><img src="img/a.png?v=1#x" srcset="img/a.png 1x, img/a.png 2x">
<video poster="v.mp4"></video><a href="other.md">doc</a><a href="https://example.com/x.png">web</a>
<img src="/abs.png"><img src="../../../etc/passwd"><img src="missing.png"><img src="link.png"><a href="../secret.dat">up</a>`
	got := p.assets(Source{Rel: "guide/page.md"}, []byte(page))
	// The link is listed: collect reads it only if it leads inside the
	// project (see TestExportRefusesAssetLinks).
	want := []string{"guide/style.css", "guide/img/a.png", "guide/v.mp4", "guide/link.png", "secret.dat"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("assets (-want +got):\n%s", d)
	}
}

// TestVerifyBundleNeverEscapes: crafted bundles with "..", absolute paths
// and links are refused, and nothing is written anywhere.
func TestVerifyBundleNeverEscapes(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, h := range []*tar.Header{
		{Name: "../escaped.txt", Typeflag: tar.TypeReg, Mode: 0o644, Size: 1},
		{Name: filepath.Join(dir, "absolute.txt"), Typeflag: tar.TypeReg, Mode: 0o644, Size: 1},
		{Name: "link", Typeflag: tar.TypeSymlink, Linkname: dir},
		{Name: "link/through.txt", Typeflag: tar.TypeReg, Mode: 0o644, Size: 1},
	} {
		tw.WriteHeader(h)
		if h.Size > 0 {
			tw.Write([]byte("x"))
		}
	}
	tw.Close()
	gz.Close()
	work := filepath.Join(dir, "work")
	os.MkdirAll(work, 0o755)
	archive := filepath.Join(work, "evil.tar.gz")
	os.WriteFile(archive, buf.Bytes(), 0o644)

	_, problems, err := bundlefile.Verify(archive)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 4 || !strings.Contains(problems[0], "symbolic link") || !strings.Contains(problems[1], "manifest.json: missing") {
		t.Errorf("problems %q, want the link, the missing manifest and two unsafe paths", problems)
	}
	if _, err := bundlefile.Merge([]string{archive}); err == nil {
		t.Error("a crafted archive merged")
	}
	if err := bundlefile.Write(filepath.Join(work, "out"), bundle.Dir, &bundle.Bundle{Files: []bundle.File{{Path: "../x"}}}, safeout.Guard{}); err == nil {
		t.Error("WriteBundle wrote a path leaving the bundle")
	}

	// A bundle folder with a symbolic link is refused too.
	site := filepath.Join(work, "site")
	os.MkdirAll(site, 0o755)
	os.Symlink("/etc/passwd", filepath.Join(site, "passwd"))
	if _, problems, _ := bundlefile.Verify(site); len(problems) != 2 || !strings.Contains(problems[1], "symbolic link") {
		t.Errorf("folder with a link: problems %q", problems)
	}

	var found []string
	filepath.WalkDir(dir, func(name string, d os.DirEntry, err error) error {
		if strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, "/x") {
			found = append(found, name)
		}
		return nil
	})
	if len(found) > 0 {
		t.Errorf("files written: %v", found)
	}
}

func TestWriteBundleDir(t *testing.T) {
	p := newProject(t, 2, 0)
	b := export(t, p, ExportOptions{})
	out := filepath.Join(t.TempDir(), "site")
	for range 2 { // the second write replaces the first
		if err := bundlefile.Write(out, bundle.Dir, b, safeout.Guard{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, problems, err := bundlefile.Verify(out); err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	fi, _ := os.Stat(filepath.Join(out, "en", "guide", "page-00.html"))
	if fi.Mode().Perm() != 0o644 || fi.ModTime().Unix() != epoch {
		t.Errorf("file mode %v time %v", fi.Mode(), fi.ModTime())
	}
	other := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if err := bundlefile.Write(other, bundle.Dir, b, safeout.Guard{}); err == nil {
		t.Error("a folder that is no bundle was replaced")
	}
}

func TestSourceDateEpoch(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1234")
	if n, err := dates.SourceDateEpoch(dir); n != 1234 || err != nil {
		t.Errorf("SourceDateEpoch = %d, %v", n, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := dates.SourceDateEpoch(dir); err == nil {
		t.Error("a bad SOURCE_DATE_EPOCH accepted")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if n, err := dates.SourceDateEpoch(dir); n != 0 || err != nil {
		t.Errorf("outside git: %d, %v", n, err)
	}
}
