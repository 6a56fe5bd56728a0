package project

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
)

// confined is a project beside a folder outside it, for links to point
// at: base/project and base/outside (holding a secret and a folder).
func confined(t *testing.T, files map[string]string) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	if real, err := filepath.EvalSymlinks(base); err == nil {
		base = real // macOS: /var is a link
	}
	root, outside = filepath.Join(base, "project"), filepath.Join(base, "outside")
	files["../outside/secret.md"] = "# Secret\n\nroot:x:0:0\n"
	files["../outside/dir/secret.png"] = "secret"
	for rel, data := range files {
		name := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, outside
}

func symlink(t *testing.T, to, name string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(name), 0o755)
	if err := os.Symlink(to, name); err != nil {
		if runtime.GOOS == "windows" {
			t.Skip("no symbolic links here:", err)
		}
		t.Fatal(err)
	}
}

// unchanged fails if the folder outside the project holds other than what
// confined put there.
func unchanged(t *testing.T, outside string) {
	t.Helper()
	var got []string
	filepath.WalkDir(outside, func(name string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(outside, name)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	if strings.Join(got, " ") != "dir/secret.png secret.md" {
		t.Errorf("outside the project: %q", got)
	}
}

// TestSourcesRefuseAbsoluteLinkWhateverTheRoot: an absolute link out of
// content/ is refused whether the project is named "." or by its path.
func TestSourcesRefuseAbsoluteLinkWhateverTheRoot(t *testing.T) {
	for _, named := range []string{".", "absolute"} {
		t.Run(named, func(t *testing.T) {
			root, outside := confined(t, map[string]string{"content/a.md": "# A\n"})
			symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(root, "content/p.md"))
			if named == "." {
				t.Chdir(root)
			} else {
				named = root
			}
			p, err := Open(named)
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Sync(SyncOptions{})
			if err == nil || err.Error() != "content/p.md: a symbolic link to a file outside content" {
				t.Fatalf("sync: %v", err)
			}
			if _, err := os.Stat(filepath.Join(root, "locales")); err == nil {
				t.Error("sync wrote message files")
			}
		})
	}
}

// TestConfigConfinesFolders: every folder and file quipu.toml names must
// lead inside the project, links resolved, and the output folder must be
// apart from the folders quipu reads and keeps its state in; each problem
// is reported at its value.
func TestConfigConfinesFolders(t *testing.T) {
	tests := []struct {
		name   string
		config string            // quipu.toml; "" for none
		links  map[string]string // project-relative link → target ("@" stands for the outside folder)
		want   []string          // regular expressions, each matching a line
	}{
		{name: "output is the project", config: `output = "."`, want: []string{
			`^quipu.toml:1:10: output = "\." overlaps content = "content": built pages need a folder of their own`,
			`^quipu.toml:1:10: output = "\." overlaps locales_dir = "locales"`,
			`^quipu.toml:1:10: output = "\." overlaps quipu's own folder \.quipu`,
		}},
		{name: "output is content", config: `output = "content"`, want: []string{`^quipu.toml:1:10: output = "content" overlaps content = "content"`}},
		{name: "output inside content", config: `output = "content/site"`, want: []string{`^quipu.toml:1:10: output = "content/site" overlaps content = "content"`}},
		{name: "output is locales", config: `output = "locales"`, want: []string{`^quipu.toml:1:10: output = "locales" overlaps locales_dir = "locales"`}},
		{name: "output is state", config: `output = ".quipu"`, want: []string{`^quipu.toml:1:10: output = "\.quipu" overlaps quipu's own folder \.quipu`}},
		{name: "output is templates", config: "templates = \"tpl\"\noutput = \"tpl\"", want: []string{`^quipu.toml:2:10: output = "tpl" overlaps templates = "tpl"`}},
		{name: "templates climbs out", config: `templates = "../../x"`, want: []string{`^quipu.toml:1:13: templates = "\.\./\.\./x" must stay inside the project$`}},
		{name: "templates absolute", config: `templates = "/usr/share/quipu"`, want: []string{`^quipu.toml:1:13: templates = "/usr/share/quipu" must stay inside the project$`}},
		{name: "output a link out", config: `output = "site"`, links: map[string]string{"site": "@"},
			want: []string{`^quipu.toml:1:10: output = "site" leads outside the project \(to .*/outside\) through the symbolic link site$`}},
		{name: "locales_dir through a link out", config: `locales_dir = "l10n/messages"`, links: map[string]string{"l10n": "@/dir"},
			want: []string{`^quipu.toml:1:15: locales_dir = "l10n/messages" leads outside the project \(to .*/outside/dir\) through the symbolic link l10n$`}},
		{name: "templates a link out", config: `templates = "tpl"`, links: map[string]string{"tpl": "@"},
			want: []string{`^quipu.toml:1:13: templates = "tpl" leads outside the project`}},
		{name: "glossary a link out", config: `glossary = "g.toml"`, links: map[string]string{"g.toml": "@/secret.md"},
			want: []string{`^quipu.toml:1:12: glossary = "g.toml" leads outside the project`}},
		{name: "default output a link out", links: map[string]string{"output": "@"},
			want: []string{`^output: leads outside the project \(to .*/outside\) through a symbolic link$`}},
		{name: "default locales a link out", links: map[string]string{"locales": "@"},
			want: []string{`^locales: leads outside the project \(to .*/outside\) through a symbolic link$`}},
		{name: "default content a link out", links: map[string]string{"content": "@/dir"},
			want: []string{`^content: leads outside the project`}},
		{name: "state a link out", links: map[string]string{".quipu": "@"},
			want: []string{`^\.quipu: leads outside the project`}},
		{name: "default output a link to content", links: map[string]string{"output": "content"},
			want: []string{`^output = "output" overlaps content = "content"`}},
		{name: "fine", config: "output = \"site\"\ntemplates = \"tpl\"", links: map[string]string{"site": "public"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.config != "" {
				files[config.File] = tt.config + "\n"
			}
			root, outside := confined(t, files)
			if _, link := tt.links["content"]; !link {
				os.MkdirAll(filepath.Join(root, "content"), 0o755)
			}
			for link, to := range tt.links {
				symlink(t, strings.Replace(to, "@", outside, 1), filepath.Join(root, link))
			}
			_, err := Open(root)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("opened")
			}
			lines := strings.Split(err.Error(), "\n")
			for _, w := range tt.want {
				re := regexp.MustCompile(w)
				found := false
				for _, l := range lines {
					found = found || re.MatchString(l)
				}
				if !found {
					t.Errorf("no line matches %s in:\n%v", w, err)
				}
			}
		})
	}
}

// TestSyncConfinesLocaleFolders: a locale's message folder, or a folder
// in it, that is a link out of the project stops sync before it writes
// anything, there or in the project.
func TestSyncConfinesLocaleFolders(t *testing.T) {
	for _, link := range []string{"locales/es-PE", "locales/en", "locales/es-PE/guide", "locales/en/guide"} {
		t.Run(link, func(t *testing.T) {
			root, outside := confined(t, map[string]string{"content/a.md": "# A\n", "content/guide/b.md": "# B\n"})
			symlink(t, filepath.Join(outside, "dir"), filepath.Join(root, link))
			p, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Sync(SyncOptions{})
			if err == nil || !strings.Contains(err.Error(), link+": leads outside the project (to "+filepath.Join(outside, "dir")+") through a symbolic link") {
				t.Fatalf("sync: %v", err)
			}
			unchanged(t, outside)
			for _, f := range []string{"locales/en/a.en.toml", "locales/es-PE/a.es-PE.toml"} {
				if _, err := os.Stat(filepath.Join(root, f)); err == nil {
					t.Errorf("%s written", f)
				}
			}
		})
	}
}

// TestBuildConfinesOutputFolders: an output folder that is a link out of
// the project stops the build, forced or not, before it writes a page.
func TestBuildConfinesOutputFolders(t *testing.T) {
	for _, link := range []string{"output/es-PE", "output/en/guide"} {
		t.Run(link, func(t *testing.T) {
			root, outside := confined(t, map[string]string{"content/a.md": "# A\n", "content/guide/b.md": "# B\n"})
			p, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Sync(SyncOptions{}); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, "dir"), filepath.Join(root, link))
			_, err = p.Build(BuildOptions{Force: true})
			if err == nil || !strings.Contains(err.Error(), link+": leads outside the project") {
				t.Fatalf("build: %v", err)
			}
			unchanged(t, outside)
		})
	}
}

// TestExportRefusesAssetLinks: a file a page references is copied into
// the bundle only if it lies in the project, links resolved: a linked
// folder or file leading out stops the export.
func TestExportRefusesAssetLinks(t *testing.T) {
	for _, tt := range []struct{ link, to, want string }{
		{"content/img", "dir", "content/img: leads outside the project"},
		{"content/img/map.png", "dir/secret.png", "content/img/map.png: leads outside the project"},
		{"content/img/map.png", "", ""}, // a link inside: copied
	} {
		t.Run(tt.link+"→"+tt.to, func(t *testing.T) {
			p := newProject(t, 2, 0)
			outside := filepath.Join(filepath.Dir(p.Root), "outside")
			os.MkdirAll(filepath.Join(outside, "dir"), 0o755)
			os.WriteFile(filepath.Join(outside, "dir/secret.png"), []byte("secret"), 0o644)
			os.WriteFile(filepath.Join(outside, "dir/map.png"), []byte("secret"), 0o644)
			to := filepath.Join(outside, tt.to)
			if tt.to == "" {
				os.WriteFile(p.Abs("shared.png"), []byte("\x89PNG fake"), 0o644)
				to = "../../shared.png"
			}
			os.RemoveAll(p.Abs(tt.link))
			symlink(t, to, p.Abs(tt.link))
			b, _, err := p.Export(ExportOptions{Epoch: &epoch})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				copied := false
				for _, f := range b.Files {
					if f.Path == "es-PE/img/map.png" {
						copied = string(f.Data) == "\x89PNG fake"
					}
				}
				if !copied {
					t.Error("the image behind a link inside the project was not copied")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("export: %v", err)
			}
		})
	}
}

// TestRecoverStaysInside: a journal is a file anyone could have written
// (it may come with the project); a file it lists outside the project is
// not removed.
func TestRecoverStaysInside(t *testing.T) {
	for _, journal := range []string{syncer.Journal, config.CacheDir + "/build.journal"} {
		t.Run(journal, func(t *testing.T) {
			root, outside := confined(t, map[string]string{"content/a.md": "# A\n"})
			victim := filepath.Join(outside, "secret.md")
			os.MkdirAll(filepath.Join(root, config.CacheDir), 0o755)
			os.WriteFile(filepath.Join(root, journal), []byte("+"+victim+"\x00"), 0o644)
			p, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(journal, "sync") {
				_, err = p.Sync(SyncOptions{})
			} else {
				_, err = p.Build(BuildOptions{})
			}
			if err == nil || !strings.Contains(err.Error(), victim+": outside the project") {
				t.Errorf("error %v", err)
			}
			unchanged(t, outside)
		})
	}
}

// TestTemplateLinkRefused: a page template that is a link out of the
// project is not read.
func TestTemplateLinkRefused(t *testing.T) {
	root, outside := confined(t, map[string]string{"content/a.md": "# A\n", config.File: "templates = \"tpl\"\n"})
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(root, "tpl/page.html"))
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(BuildOptions{}); err == nil || !strings.Contains(err.Error(), "tpl/page.html: leads outside the project") {
		t.Fatalf("build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "output")); err == nil {
		t.Error("build wrote pages")
	}
}
