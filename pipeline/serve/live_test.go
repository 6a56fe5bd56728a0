package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/serve"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestConcurrentSaves: two tabs saving different messages of one file
// both land; two saving the same message from the same version, one wins
// and the other gets 409.
func TestConcurrentSaves(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	msgs := c.messages("es-PE", seedDoc).Messages
	a, b := msgs[2], msgs[4]
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, m := range []apiMessage{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": "Texto nuevo del Perú.", "version": m.Version}, c.token)
		}()
	}
	wg.Wait()
	if codes[0] != 200 || codes[1] != 200 {
		t.Fatalf("different messages: %v", codes)
	}
	got := c.messages("es-PE", seedDoc).Messages
	if got[2].Text != "Texto nuevo del Perú." || got[4].Text != "Texto nuevo del Perú." {
		t.Errorf("a save was lost: %q, %q", got[2].Text, got[4].Text)
	}

	m := got[6]
	for i, text := range []string{"Primera pestaña.", "Segunda pestaña."} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": text, "version": m.Version}, c.token)
		}()
	}
	wg.Wait()
	if !(codes[0] == 200 && codes[1] == 409 || codes[0] == 409 && codes[1] == 200) {
		t.Errorf("same message, same version: %v, want one 200 and one 409", codes)
	}
}

// events reads the server's event stream, one change at a time.
func events(t *testing.T, base string) <-chan string {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/events", nil)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: %s", ct)
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				out <- data
			}
		}
	}()
	return out
}

// serveOn runs Serve as the command does, until the test ends; it
// returns the address and a function that stops the server and returns
// what Serve returned.
func serveOn(t *testing.T, root string, opt serve.Options) (*serve.Server, string, func() error) {
	t.Helper()
	s, err := serve.New(root, opt)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("Serve did not return after its context ended")
			return nil
		}
	}
	t.Cleanup(func() { stop() })
	return s, "http://" + l.Addr().String(), stop
}

// TestLiveEdits: a save of a message file, a content file or the glossary
// is on the next page served (the cache dropped), an event tells the
// pages, a new folder is watched, and the polling fallback does the same.
func TestLiveEdits(t *testing.T) {
	for _, mode := range []struct {
		name string
		opt  serve.Options
	}{{"notifications", serve.Options{}}, {"polling", serve.Options{Poll: 10 * time.Millisecond}}} {
		t.Run(mode.name, func(t *testing.T) {
			root := seedProject(t)
			_, base, stop := serveOn(t, root, mode.opt)
			c := &client{t: t, url: base}
			ev := events(t, base)
			page := "/es-PE/" + seedDoc + ".html"
			served(t, c, page) // cached now
			waitFor := func(what, path, want string) {
				t.Helper()
				deadline := time.Now().Add(5 * time.Second)
				for time.Now().Before(deadline) {
					if _, body := c.get(path); bytes.Contains(body, []byte(want)) {
						return
					}
					time.Sleep(5 * time.Millisecond)
				}
				t.Fatalf("%s: %s never showed %q", what, path, want)
			}
			file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
			data, _ := os.ReadFile(file)
			f, _ := catalog.Parse(file, data)
			m := f.Messages[0]
			edited, err := catalog.SetMessage(data, f.WrittenID(m), "Título editado a mano", catalog.Translated)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(file, edited, 0o644)
			waitFor("message file", page, "Título editado a mano")
			select {
			case data := <-ev:
				if !strings.Contains(data, `"locales/es-PE/`+seedDoc+`.es-PE.toml"`) {
					t.Errorf("event: %s", data)
				}
			case <-time.After(5 * time.Second):
				t.Error("no change event")
			}

			// A new folder with a new document in it.
			os.MkdirAll(filepath.Join(root, "content", "new", "deeper"), 0o755)
			time.Sleep(50 * time.Millisecond)
			os.WriteFile(filepath.Join(root, "content", "new", "deeper", "doc.md"), []byte("# Fresh page\n"), 0o644)
			waitFor("new document", "/en/new/deeper/doc.html", "Fresh page")
			os.WriteFile(filepath.Join(root, "content", "new", "deeper", "doc.md"), []byte("# Fresher page\n"), 0o644)
			waitFor("content edit", "/es-PE/new/deeper/doc.html", "Fresher page")

			// The glossary changes every page (its foreign terms).
			g := filepath.Join(root, "locales", "glossary.toml")
			gd, _ := os.ReadFile(g)
			if _, body := c.get(page); !bytes.Contains(body, []byte(`<i lang="en">Cooperative Security Locations`)) {
				t.Fatal("the seed page sets no foreign expression in italics")
			}
			os.WriteFile(g, bytes.Replace(gd, []byte(`foreign = ["Cooperative Security Locations"]`), []byte(`foreign = []`), 1), 0o644)
			deadline := time.Now().Add(5 * time.Second)
			for {
				if _, body := c.get(page); !bytes.Contains(body, []byte(`<i lang="en">`)) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("a glossary change did not reach the cached page")
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := stop(); err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
}

// TestUnchangedPageIsCached: without a change event, a page is served
// from the cache, not built again (the file edited behind the server's
// back, with no watcher running, does not show).
func TestUnchangedPageIsCached(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root) // no watcher
	page := "/en/" + seedDoc + ".html"
	first := served(t, c, page)
	os.WriteFile(filepath.Join(root, "content", seedDoc+".md"), []byte("# Changed\n"), 0o644)
	if again := served(t, c, page); !bytes.Equal(again, first) {
		t.Error("the page was built again without a change")
	}
}

// TestStartupReadsNoDocument: a server starts on a project with a broken
// document, serves the others, and shows the broken one's error on its
// page (file:line:col), escaped, reloading once it is fixed.
func TestStartupReadsNoDocument(t *testing.T) {
	root := seedProject(t)
	os.WriteFile(filepath.Join(root, "content", "broken.md"), []byte("# <b>x</b>\x00\n"), 0o644)
	_, c := start(t, root)
	if code, _ := c.get("/es-PE/" + seedDoc + ".html"); code != 200 {
		t.Errorf("seed page: %d", code)
	}
	code, body := c.get("/es-PE/broken.html")
	if code != 500 || !bytes.Contains(body, []byte("content/broken.md:1:")) || !bytes.Contains(body, []byte(reloadScript)) {
		t.Errorf("broken page: %d %s", code, body)
	}
}

// TestConfigChangeReloads: a new locale in quipu.toml is served without a
// restart.
func TestConfigChangeReloads(t *testing.T) {
	root := seedProject(t)
	_, base, _ := serveOn(t, root, serve.Options{})
	c := &client{t: t, url: base}
	page := "/es-MX/" + seedDoc + ".html"
	if code, _ := c.get(page); code != 404 {
		t.Fatalf("es-MX before: %d", code)
	}
	os.WriteFile(filepath.Join(root, "quipu.toml"), []byte("locales = [\"es-PE\", \"es-MX\"]\n"), 0o644)
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, _ := c.get(page)
		if code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("es-MX after the config changed: %d", code)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestHandEditMakesASaveStale: a message changed by hand since the
// workbench read it is not overwritten.
func TestHandEditMakesASaveStale(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	m := c.messages("es-PE", seedDoc).Messages[1]
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	data, _ := os.ReadFile(file)
	edited, err := catalog.SetMessage(data, m.ID, "A mano.", catalog.Reviewed)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, edited, 0o644)
	code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": "Desde el navegador.", "version": m.Version}, c.token)
	if code != 409 {
		t.Errorf("%d %s", code, body)
	}
	if now, _ := os.ReadFile(file); !bytes.Equal(now, edited) {
		t.Error("the hand edit was overwritten")
	}
}

// TestSavedFuzzyStaysTranslatedAfterSync: a fuzzy message saved from the
// browser is what a translator clearing the flag by hand makes, so the
// next sync keeps it translated (and drops the old English).
func TestSavedFuzzyStaysTranslatedAfterSync(t *testing.T) {
	root := seedProject(t)
	doc := filepath.Join(root, "content", seedDoc+".md")
	src, _ := os.ReadFile(doc)
	os.WriteFile(doc, bytes.Replace(src, []byte("## Understanding US Military Presence"), []byte("## Understanding the US Military Presence"), 1), 0o644)
	sync := func() {
		t.Helper()
		p, _ := project.Open(root)
		if _, err := p.Sync(project.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	sync()
	_, c := start(t, root)
	var fuzzy *apiMessage
	for _, m := range c.messages("es-PE", seedDoc).Messages {
		if m.State == "fuzzy" {
			fuzzy = &m
			break
		}
	}
	if fuzzy == nil || fuzzy.Previous != "Understanding US Military Presence" || !strings.Contains(fuzzy.Diff, "{+the+}") {
		t.Fatalf("no fuzzy message with its old English and diff: %+v", fuzzy)
	}
	if code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(fuzzy.ID), map[string]string{"text": "Para entender la presencia militar de EE. UU.", "version": fuzzy.Version}, c.token); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	sync()
	_, c = start(t, root)
	for _, m := range c.messages("es-PE", seedDoc).Messages {
		if m.ID == fuzzy.ID && (m.State != "translated" || m.Previous != "") {
			t.Errorf("after sync: %s, previous %q", m.State, m.Previous)
		}
	}
}

// TestSaveWhileAnotherRunHoldsTheLock: a save while sync or build runs
// is refused (503), nothing written.
func TestSaveWhileAnotherRunHoldsTheLock(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	m := c.messages("es-PE", seedDoc).Messages[1]
	l, err := lock.Acquire(filepath.Join(root, tree.LockFile))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	before, _ := os.ReadFile(file)
	code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": "Otro texto.", "version": m.Version}, c.token)
	if code != 503 || !bytes.Contains(body, []byte("error")) {
		t.Errorf("%d %s", code, body)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(after, before) {
		t.Error("the file changed")
	}
}

// TestMachineDraftIsShownAndSavedTranslated: a machine draft shows as
// such, with check's warning, until the translator saves it.
func TestMachineDraftIsShownAndSavedTranslated(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	m := c.messages("es-PE", seedDoc).Messages[3]
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	data, _ := os.ReadFile(file)
	draft, err := catalog.SetMessage(data, m.ID, "Borrador de máquina.", catalog.Machine)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, draft, 0o644)
	_, c = start(t, root)
	d := c.messages("es-PE", seedDoc)
	got := d.Messages[3]
	if got.State != "machine" || len(got.Problems) == 0 || got.Problems[0].Code != "machine" {
		t.Fatalf("draft: %+v", got)
	}
	if code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": "Revisado.", "state": "reviewed", "version": got.Version}, c.token); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if got := c.messages("es-PE", seedDoc).Messages[3]; got.State != "reviewed" {
		t.Errorf("after the save: %s", got.State)
	}
}

// TestTemplateChangeReachesEveryPage: the page template is watched, and
// a change to it rebuilds the cached pages.
func TestTemplateChangeReachesEveryPage(t *testing.T) {
	root := seedProject(t)
	tmpl, err := os.ReadFile(filepath.Join("..", "page", "templates", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "tpl"), 0o755)
	os.WriteFile(filepath.Join(root, "tpl", "page.html"), tmpl, 0o644)
	os.WriteFile(filepath.Join(root, "quipu.toml"), []byte("templates = \"tpl\"\n"), 0o644)
	_, base, _ := serveOn(t, root, serve.Options{})
	c := &client{t: t, url: base}
	page := "/es-PE/" + seedDoc + ".html"
	if _, body := c.get(page); bytes.Contains(body, []byte("<meta name=\"x-edited\" content=\"1\">")) {
		t.Fatal("marker before the edit")
	}
	os.WriteFile(filepath.Join(root, "tpl", "page.html"), bytes.Replace(tmpl, []byte("</body>"), []byte("<meta name=\"x-edited\" content=\"1\"></body>"), 1), 0o644)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, body := c.get(page); bytes.Contains(body, []byte("<meta name=\"x-edited\" content=\"1\">")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the template edit never showed")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
