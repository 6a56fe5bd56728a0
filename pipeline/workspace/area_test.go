package workspace_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// areas makes a project with quipu's folders and the links of the tests,
// each named after where it leads, and declares the folders as areas.
func areas(t *testing.T) *workspace.Workspace {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"content/guide", "locales/en", "output/en", ".quipu", "templates", "shared", "output/es-PE"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, to := range map[string]string{
		"output/fr":           "../content",   // pages over the documents
		"output/de":           "../.quipu",    // pages in quipu's state
		"output/it":           "../locales",   // pages among message files
		"output/pt":           "es-PE",        // stays in output
		"locales/es-PE":       "../content",   // message files among the documents
		"locales/fr":          "../shared",    // out of locales, in no area
		"locales/en/guide":    "../../output", // deeper down
		"templates/page.html": "../content/a.md",
		".quipu/cache":        "../output",
		"content/img":         "../shared", // documents may reach shared files
		"content/guide/l10n":  "../../locales",
		"content/site":        "../output/en",
		"content/alias":       "guide", // stays in content
		"content/up":          "..",    // the project, which holds the other folders
	} {
		if err := os.Symlink(to, filepath.Join(root, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	ws, err := workspace.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	ws.SetAreas([]workspace.Area{
		{Dir: "content", Shared: true}, {Dir: "locales"}, {Dir: "output"}, {Dir: "templates"}, {Dir: ".quipu"},
	})
	return ws
}

// TestAreasKeepLinksIn: a link inside the project that leads from one of
// its folders into another (output/es-PE -> ../content, which made a
// build write pages over the documents) is refused at the link, for every
// path under it, whether it is written or read; a link that stays in its
// folder is followed, and the content folder may also reach a folder of
// the project that is no other's.
func TestAreasKeepLinksIn(t *testing.T) {
	ws := areas(t)
	tests := []struct {
		rel  string
		link string // the link refused; "" if followed
		area string
	}{
		{rel: "output/fr/a.html", link: "output/fr", area: "output"},
		{rel: "output/fr/a.md", link: "output/fr", area: "output"},
		{rel: "output/de/a.html", link: "output/de", area: "output"},
		{rel: "output/it/es-PE/a.es-PE.toml", link: "output/it", area: "output"},
		{rel: "locales/es-PE/a.es-PE.toml", link: "locales/es-PE", area: "locales"},
		{rel: "locales/fr/a.fr.toml", link: "locales/fr", area: "locales"},
		{rel: "locales/en/guide/b.en.toml", link: "locales/en/guide", area: "locales"},
		{rel: "templates/page.html", link: "templates/page.html", area: "templates"},
		{rel: ".quipu/cache/x", link: ".quipu/cache", area: ".quipu"},
		{rel: "content/guide/l10n/es-PE/a.toml", link: "content/guide/l10n", area: "content"},
		{rel: "content/site/a.html", link: "content/site", area: "content"},
		{rel: "content/up/locales/en/a.en.toml", link: "content/up", area: "content"},
		{rel: "output/pt/a.html"},
		{rel: "content/img/logo.png"},
		{rel: "content/alias/b.md"},
		{rel: "output/es-PE/a.html"},
		{rel: "locales/en/a.en.toml"},
	}
	for _, tt := range tests {
		_, rerr := ws.Resolve(tt.rel)
		_, perr := ws.Path(tt.rel)
		_, ferr := ws.ReadFile(tt.rel)
		if tt.link == "" {
			if rerr != nil || perr != nil || (ferr != nil && !errors.Is(ferr, os.ErrNotExist)) {
				t.Errorf("%s: %v, %v, %v", tt.rel, rerr, perr, ferr)
			}
			continue
		}
		for _, err := range []error{rerr, ferr} {
			var esc *workspace.EscapeError
			if !errors.As(err, &esc) || esc.Path != tt.link || esc.Area != tt.area {
				t.Errorf("%s: %v; want a link out of %s at %s", tt.rel, err, tt.area, tt.link)
			}
		}
		if tt.link != tt.rel && perr == nil {
			t.Errorf("Path(%s) accepted a folder linked out of %s", tt.rel, tt.area)
		}
	}
	// The areas' own folders are the configuration's to check.
	if _, err := ws.Resolve("output"); err != nil {
		t.Errorf("Resolve(output): %v", err)
	}
}

// TestOwnsIn: a journal's file is accepted only in the folder of the run
// that keeps the journal, links resolved.
func TestOwnsIn(t *testing.T) {
	ws := areas(t)
	root := ws.Root()
	for _, tt := range []struct {
		dir, rel string
		ok       bool
	}{
		{"output", "output/es-PE/a.html", true},
		{"output", "output/pt/a.html", true},
		{"output", "output/new/deeper/a.html", true},
		{"output", "content/a.md", false},
		{"output", "quipu.toml", false},
		{"output", "notes.txt", false},
		{"output", "output", false},
		{"output", "locales/en/a.en.toml", false},
		{"output", "output/fr/a.md", false}, // a link to content
		{"locales", "locales/en/a.en.toml", true},
		{"locales", "locales/es-PE/a.md", false},
		{"locales", "output/es-PE/a.html", false},
	} {
		err := ws.OwnsIn(tt.dir, filepath.Join(root, tt.rel))
		if (err == nil) != tt.ok {
			t.Errorf("OwnsIn(%s, %s): %v", tt.dir, tt.rel, err)
		}
	}
}
