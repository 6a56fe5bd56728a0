package serve_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/serve"
)

// eventually polls path until its body holds want (or, with want "",
// until it answers 200), failing after a deadline.
func eventually(t *testing.T, c *client, what, path, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		code, body := c.get(path)
		if code == 200 && bytes.Contains(body, []byte(want)) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s: %s never showed %q", what, path, want)
}

// replace writes a file as editors do: a hidden temporary file renamed
// over it.
func replace(t *testing.T, name string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+"123456")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// TestConfigEditsReachTheServedSiteFromTheProjectFolder: serving the
// project it runs in (the root "."), a configuration written in place,
// replaced by a rename, and naming a template folder the server did not
// watch yet, all reach the pages.
func TestConfigEditsReachTheServedSiteFromTheProjectFolder(t *testing.T) {
	for _, mode := range []struct {
		name string
		opt  serve.Options
	}{{"notifications", serve.Options{}}, {"polling", serve.Options{Poll: 10 * time.Millisecond}}} {
		t.Run(mode.name, func(t *testing.T) { configEdits(t, mode.opt) })
	}
}

func configEdits(t *testing.T, opt serve.Options) {
	root := seedProject(t)
	tmpl, err := os.ReadFile(filepath.Join("..", "page", "templates", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"tpl", "tpl2"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
		os.WriteFile(filepath.Join(root, d, "page.html"), tmpl, 0o644)
	}
	os.WriteFile(filepath.Join(root, "quipu.toml"), []byte("templates = \"tpl\"\n"), 0o644)
	t.Chdir(root)
	_, base, _ := serveOn(t, ".", opt)
	c := &client{t: t, url: base}
	page := "/fr/" + seedDoc + ".html"
	if code, _ := c.get(page); code != 404 {
		t.Fatalf("fr before: %d", code)
	}

	os.WriteFile("quipu.toml", []byte("templates = \"\"\nlocales = [\"es-PE\", \"fr\"]\n"), 0o644)
	eventually(t, c, "config written in place", page, "")
	eventually(t, c, "index", "/", "fr")

	replace(t, filepath.Join(root, "quipu.toml"), []byte("templates = \"tpl2\"\nlocales = [\"es-PE\", \"es-MX\"]\n"))
	eventually(t, c, "config renamed over", "/es-MX/"+seedDoc+".html", "")

	marker := `<meta name="x-edited" content="2">`
	replace(t, filepath.Join(root, "tpl2", "page.html"), bytes.Replace(tmpl, []byte("</body>"), []byte(marker+"</body>"), 1))
	eventually(t, c, "template folder named after start", "/es-PE/"+seedDoc+".html", marker)
}

// TestRenamedFolderStaysWatched: a folder of content renamed while
// serving is watched under its new name; an edit in it shows.
func TestRenamedFolderStaysWatched(t *testing.T) {
	root := seedProject(t)
	os.MkdirAll(filepath.Join(root, "content", "renamed2", "sub"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "renamed2", "sub", "x.md"), []byte("# First\n"), 0o644)
	_, base, _ := serveOn(t, root, serve.Options{})
	c := &client{t: t, url: base}
	eventually(t, c, "before", "/en/renamed2/sub/x.html", "First")
	if err := os.Rename(filepath.Join(root, "content", "renamed2"), filepath.Join(root, "content", "r3")); err != nil {
		t.Fatal(err)
	}
	eventually(t, c, "renamed", "/en/r3/sub/x.html", "First")
	os.WriteFile(filepath.Join(root, "content", "r3", "sub", "x.md"), []byte("# Second\n"), 0o644)
	eventually(t, c, "edit after the rename", "/en/r3/sub/x.html", "Second")
	os.WriteFile(filepath.Join(root, "content", "r3", "y.md"), []byte("# New in the renamed folder\n"), 0o644)
	eventually(t, c, "new file in the renamed folder", "/en/r3/y.html", "New in the renamed folder")
	os.WriteFile(filepath.Join(root, "content", "r3", "y.md"), []byte("# Edited in the renamed folder\n"), 0o644)
	eventually(t, c, "edit in the renamed folder", "/en/r3/y.html", "Edited in the renamed folder")
	if code, _ := c.get("/en/renamed2/sub/x.html"); code != 404 {
		t.Errorf("old name: %d", code)
	}
	// And renamed back.
	os.Rename(filepath.Join(root, "content", "r3"), filepath.Join(root, "content", "renamed2"))
	eventually(t, c, "renamed back", "/en/renamed2/sub/x.html", "Second")
	os.WriteFile(filepath.Join(root, "content", "renamed2", "sub", "x.md"), []byte("# Third\n"), 0o644)
	eventually(t, c, "edit after renaming back", "/en/renamed2/sub/x.html", "Third")
}

// TestEventOnlyOnceTheSavedFileIsInPlace: a save through a temporary
// file (an editor's, sync's, sed -i's) tells no change of the temporary
// file, and a page asked for on the first event shows the saved text.
func TestEventOnlyOnceTheSavedFileIsInPlace(t *testing.T) {
	root := seedProject(t)
	_, base, _ := serveOn(t, root, serve.Options{})
	c := &client{t: t, url: base}
	ev := events(t, base)
	page := "/en/" + seedDoc + ".html"
	served(t, c, page)
	dir := filepath.Join(root, "content")
	orig, _ := os.ReadFile(filepath.Join(dir, seedDoc+".md"))
	for i, tmp := range []string{"." + seedDoc + ".md3335299084", "." + seedDoc + ".md.quipu-tmp", "sedRuwGl2"} {
		want := "Saved heading number " + string(rune('A'+i))
		os.WriteFile(filepath.Join(dir, tmp), append([]byte("# "+want+"\n\n"), orig...), 0o644)
		os.Rename(filepath.Join(dir, tmp), filepath.Join(dir, seedDoc+".md"))
		select {
		case data := <-ev:
			if strings.Contains(data, tmp) {
				t.Errorf("event for a temporary file: %s", data)
			}
			if _, body := c.get(page); !bytes.Contains(body, []byte(want)) {
				t.Errorf("page on the first event (%s) does not show the save", data)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no change event")
		}
		// Drain what else the save told before the next one.
		for quiet := false; !quiet; {
			select {
			case <-ev:
			case <-time.After(200 * time.Millisecond):
				quiet = true
			}
		}
	}
}

// TestConfigAndGlossaryCreatedOrRenamedOverAfterStart: serving from the
// project folder, a quipu.toml that did not exist at start and a glossary
// replaced by a rename reach the pages.
func TestConfigAndGlossaryCreatedOrRenamedOverAfterStart(t *testing.T) {
	root := seedProject(t)
	t.Chdir(root)
	_, base, _ := serveOn(t, ".", serve.Options{})
	c := &client{t: t, url: base}
	page := "/es-PE/" + seedDoc + ".html"
	eventually(t, c, "before", page, `<i lang="en">Cooperative Security Locations`)
	replace(t, filepath.Join(root, "quipu.toml"), []byte("locales = [\"es-PE\", \"es-MX\"]\n"))
	eventually(t, c, "config created", "/es-MX/"+seedDoc+".html", "")

	g := filepath.Join(root, "locales", "glossary.toml")
	gd, _ := os.ReadFile(g)
	replace(t, g, bytes.Replace(gd, []byte(`foreign = ["Cooperative Security Locations"]`), []byte(`foreign = []`), 1))
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, body := c.get(page); !bytes.Contains(body, []byte(`<i lang="en">`)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a glossary renamed over did not reach the cached page")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
