package safeout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

// project makes a project folder: quipu.toml, content/, locales/, and a
// manifest.json of its own (a web app's, say), and its guard.
func project(t *testing.T) (string, Guard) {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "quipu.toml"), "locales = [\"es-PE\"]\n")
	write(t, filepath.Join(root, "content", "a.md"), "# A\n")
	write(t, filepath.Join(root, "locales", "es-PE", "a.es-PE.toml"), "")
	write(t, filepath.Join(root, "manifest.json"), `{"name":"x"}`)
	g := Guard{
		Keep: []Place{
			{root, "the project folder"},
			{filepath.Join(root, "quipu.toml"), "the configuration"},
			{filepath.Join(root, "content"), "the content folder"},
			{filepath.Join(root, "locales"), "the locales folder"},
		},
		Within: []Place{{filepath.Join(root, "content"), "the content folder"}, {filepath.Join(root, "locales"), "the locales folder"}},
	}
	return root, g
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// export writes a bundle folder at dir, as quipu export does.
func export(t *testing.T, dir string) {
	t.Helper()
	b, err := bundle.New(bundle.Meta{Version: "1", SourceLocale: "en"}, []bundle.Stats{{Locale: "en"}},
		[]bundle.File{{Path: "en/a.html", Locale: "en", Kind: bundle.KindPage, Data: []byte("<p>a</p>")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Entries() {
		write(t, filepath.Join(dir, filepath.FromSlash(f.Path)), string(f.Data))
	}
}

// snapshot lists every file under dir with its contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(name string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(name)
			out[name] = string(data)
		}
		return nil
	})
	return out
}

// TestDirNeverReplacesProject: the project, its content and locales
// folders, any folder holding them, and a link to any of them are never
// a bundle folder, even with Force, even though the project holds a
// manifest.json.
func TestDirNeverReplacesProject(t *testing.T) {
	root, g := project(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	linkContent := filepath.Join(t.TempDir(), "c")
	os.Symlink(filepath.Join(root, "content"), linkContent)
	before := snapshot(t, root)
	for _, tc := range []struct{ dst, want string }{
		{root, "is the project folder"},
		{filepath.Dir(root), "holds the project folder"},
		{"/", "holds the project folder"},
		{filepath.Join(root, "content"), "is the content folder"},
		{filepath.Join(root, "locales"), "is the locales folder"},
		{filepath.Join(root, "content", "site"), "is inside the content folder"},
		{filepath.Join(root, "locales", "es-PE", "new"), "is inside the locales folder"},
		{link, "is the project folder"},
		{link + "/content", "is the content folder"},
		{linkContent + "/site", "is inside the content folder"},
		{".", "is the working directory"},
	} {
		for _, force := range []bool{false, true} {
			g.Force = force
			if _, err := g.Dir(tc.dst); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Dir(%s), force %v: %v, want %q", tc.dst, force, err, tc.want)
			}
		}
	}
	if after := snapshot(t, root); len(after) != len(before) {
		t.Errorf("files changed: %d before, %d after", len(before), len(after))
	}
}

// TestDirReplacesOnlyExports: a folder may be replaced when it is empty
// or an earlier export, untouched; a web app's public/ with a PWA
// manifest.json, an export with a file added or changed, or a file are
// refused (Force replaces the folders).
func TestDirReplacesOnlyExports(t *testing.T) {
	_, g := project(t)
	dir := t.TempDir()
	mk := func(name string, fill func(string)) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(p, 0o755)
		fill(p)
		return p
	}
	for _, tc := range []struct {
		name  string
		fill  func(string)
		want  string // "" for replaceable
		force bool   // Force replaces it
	}{
		{"missing", func(p string) { os.Remove(p) }, "", true},
		{"empty", func(string) {}, "", true},
		{"export", func(p string) { export(t, p) }, "", true},
		{"export with a listed file gone", func(p string) { export(t, p); os.Remove(filepath.Join(p, "en", "a.html")) }, "", true},
		{"pwa", func(p string) {
			write(t, filepath.Join(p, "manifest.json"), `{"name":"My app","start_url":"/"}`)
			write(t, filepath.Join(p, "index.html"), "app")
		}, `no manifest.json written by quipu (manifest.json: unknown field "name")`, true},
		{"no manifest", func(p string) { write(t, filepath.Join(p, "notes.txt"), "mine") }, "no manifest.json written by quipu (manifest.json: missing)", true},
		{"export with a file added", func(p string) { export(t, p); write(t, filepath.Join(p, "en", "mine.txt"), "mine") }, "en/mine.txt: not in the manifest", true},
		{"export with a file changed", func(p string) { export(t, p); write(t, filepath.Join(p, "en", "a.html"), "<p>b</p>") }, "en/a.html: sha256", true},
		{"export with a link", func(p string) { export(t, p); os.Symlink("/etc", filepath.Join(p, "etc")) }, "etc: a symbolic link", true},
		{"file", func(p string) { os.Remove(p); write(t, p, "x") }, "exists and is not a folder", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := mk(strings.ReplaceAll(tc.name, " ", "-"), tc.fill)
			g.Force = false
			_, err := g.Dir(p)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err %v, want %q", err, tc.want)
			}
			g.Force = true
			if _, err := g.Dir(p); (err == nil) != tc.force {
				t.Errorf("force: %v", err)
			}
		})
	}
}

// TestFileTargets: an archive replaces only a regular file, without Force
// only an archive quipu wrote, and is never written inside content/ or
// locales/. A link is replaced itself, only with Force, never written
// through.
func TestFileTargets(t *testing.T) {
	root, g := project(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	linkDir := filepath.Join(dir, "link-dir")
	os.Symlink(folder, linkDir)
	text := filepath.Join(dir, "notes.txt")
	write(t, text, "mine")
	linkText := filepath.Join(dir, "link-notes.tar.gz")
	os.Symlink(text, linkText)
	quipuTar := filepath.Join(dir, "old.tar.gz")
	write(t, quipuTar, quipuArchive(t, bundle.TarGz))
	quipuZip := filepath.Join(dir, "old.zip")
	write(t, quipuZip, quipuArchive(t, bundle.Zip))
	linkArchive := filepath.Join(dir, "link.tar.gz")
	os.Symlink(quipuTar, linkArchive)
	dangling := filepath.Join(dir, "dangling.zip")
	os.Symlink(filepath.Join(dir, "nothing"), dangling)
	linkContent := filepath.Join(dir, "c")
	os.Symlink(filepath.Join(root, "content"), linkContent)
	for _, tc := range []struct {
		dst, want string
		force     bool
	}{
		{filepath.Join(dir, "new.tar.gz"), "", true},
		{quipuTar, "", true},
		{quipuZip, "", true},
		{linkArchive, "is a symbolic link", true},
		{linkText, "is a symbolic link", true},
		{dangling, "is a symbolic link", true},
		{fifo, "is not a regular file", false},
		{folder, "is not a regular file", false},
		{linkDir, "is not a regular file", false},
		{text, "is not a tar.gz or zip archive", true},
		{filepath.Join(root, "quipu.toml"), "is the configuration", false},
		{filepath.Join(root, "content", "site.tar.gz"), "is inside the content folder", false},
		{filepath.Join(linkContent, "site.zip"), "is inside the content folder", false},
		{filepath.Join(root, "locales", "site.zip"), "is inside the locales folder", false},
	} {
		g.Force = false
		_, err := g.File(tc.dst)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("File(%s) refused: %v", tc.dst, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("File(%s): %v, want %q", tc.dst, err, tc.want)
		}
		g.Force = true
		real, err := g.File(tc.dst)
		if (err == nil) != tc.force {
			t.Errorf("File(%s), force: %v", tc.dst, err)
		}
		if err == nil && real != tc.dst {
			t.Errorf("File(%s), force = %s: want the path itself, never a link's target", tc.dst, real)
		}
	}
}

// TestFileReplacesOnlyQuipuArchives: a file that merely starts like a
// tar.gz or a zip (a gzip'd log, an office document, an archive of
// someone else's manifest.json) is not replaced without Force; only one
// whose manifest.json is quipu's is.
func TestFileReplacesOnlyQuipuArchives(t *testing.T) {
	_, g := project(t)
	dir := t.TempDir()
	for _, tc := range []struct{ name, data, want string }{
		{"quipu.tar.gz", quipuArchive(t, bundle.TarGz), ""},
		{"quipu.zip", quipuArchive(t, bundle.Zip), ""},
		{"app-logs.gz", gzipped(t, "precious log line\n"), "is not an archive quipu wrote"},
		{"head.tar.gz", "\x1f\x8b\x08\x00rest", "is not an archive quipu wrote"},
		{"thesis.docx", zipped(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"), "is not an archive quipu wrote (manifest.json: missing)"},
		{"zip head.docx", "PK\x03\x04 my thesis", "is not an archive quipu wrote"},
		{"pwa.zip", zipped(t, "manifest.json", `{"name":"My app"}`), `is not an archive quipu wrote (manifest.json: unknown field "name")`},
		{"pwa.tar.gz", tarGzipped(t, "manifest.json", `{"name":"My app"}`), `is not an archive quipu wrote (manifest.json: unknown field "name")`},
		{"foreign generator.zip", zipped(t, "manifest.json", `{"generator":"other"}`), "not written by quipu"},
		{"backup.tar.gz", tarGzipped(t, "home/me/thesis.txt", "mine"), "is not an archive quipu wrote (manifest.json: missing)"},
		{"quipu manifest after other files.zip", zipped(t, "zz/thesis.txt", "mine", "manifest.json", quipuManifest(t)), "is not an archive quipu wrote (manifest.json: missing)"},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
		write(t, p, tc.data)
		g.Force = false
		_, err := g.File(p)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		g.Force = true
		if _, err := g.File(p); err != nil {
			t.Errorf("%s, force: %v", tc.name, err)
		}
	}
}

// TestFileNeverReplacesKeptLinks: a kept file that is a symbolic link (a
// quipu.toml linked from elsewhere) is kept as a link: even with Force,
// an archive never replaces it.
func TestFileNeverReplacesKeptLinks(t *testing.T) {
	root, g := project(t)
	elsewhere := filepath.Join(t.TempDir(), "quipu.toml")
	write(t, elsewhere, "locales = [\"es-PE\"]\n")
	conf := filepath.Join(root, "quipu.toml")
	os.Remove(conf)
	if err := os.Symlink(elsewhere, conf); err != nil {
		t.Fatal(err)
	}
	g.Force = true
	if _, err := g.File(conf); err == nil || !strings.Contains(err.Error(), "is the configuration") {
		t.Errorf("File(quipu.toml as a link): %v, want it kept", err)
	}
}

// TestReplaceDir: the new folder takes the old one's place, and the old
// one is gone; with nothing there, the new one is moved in.
func TestReplaceDir(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "site")
	for i, data := range []string{"one", "two"} {
		tmp := filepath.Join(dir, ".tmp")
		write(t, filepath.Join(tmp, "f"), data)
		if err := ReplaceDir(tmp, dst); err != nil {
			t.Fatal(i, err)
		}
		if got, _ := os.ReadFile(filepath.Join(dst, "f")); string(got) != data {
			t.Errorf("%d: %q", i, got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}
