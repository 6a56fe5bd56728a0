package serve_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/serve"
)

const seedDoc = "us-military-bases-in-peru"

// copyTree copies the folder src to dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// seedProject is a copy of the repository's own project: the seed article
// and its es-PE translation.
func seedProject(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "locales"} {
		copyTree(t, filepath.Join("..", "..", d), filepath.Join(dir, d))
	}
	return dir
}

// guideProject is the seed project with a second document whose
// sentences carry markup, synced.
func guideProject(t testing.TB) string {
	t.Helper()
	dir := seedProject(t)
	os.MkdirAll(filepath.Join(dir, "content", "guide"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "guide", "start.md"), []byte("# Start\n\nRead the *manual* and the [site](https://example.com).\n\nThen run `go test`.\n"), 0o644)
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// client talks to a server under test, as its own address.
type client struct {
	t     testing.TB
	url   string
	token string
}

func start(t testing.TB, root string) (*serve.Server, *client) {
	t.Helper()
	s, err := serve.New(root, serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	s.SetAddr(ts.Listener.Addr().String())
	return s, &client{t: t, url: ts.URL, token: s.Token()}
}

func (c *client) do(method, path string, body any, token string) (int, []byte) {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, _ := json.Marshal(b)
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.url+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("X-Quipu-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

func (c *client) get(path string) (int, []byte) { return c.do("GET", path, nil, "") }

type apiMessage struct {
	ID, Source, Text, State, Kind, Version, Previous, Diff, Position string
	Problems                                                         []struct {
		Severity, Code, Message string
		Offset                  int
	}
	Glossary []struct{ Term, Translation, Note string }
}

type apiDoc struct {
	Locale, Doc string
	Messages    []apiMessage
	Progress    struct{ Total, Translated, Reviewed, Fuzzy, Machine, Aligned, Rejected, Untranslated int }
}

func (c *client) messages(locale, doc string) apiDoc {
	c.t.Helper()
	code, body := c.get("/api/" + locale + "/" + doc)
	if code != 200 {
		c.t.Fatalf("GET api: %d %s", code, body)
	}
	var d apiDoc
	if err := json.Unmarshal(body, &d); err != nil {
		c.t.Fatal(err)
	}
	return d
}

func msgPath(doc string) string {
	return "/api/es-PE/" + doc + "/"
}

// build runs quipu build on root and returns what it wrote for a page.
func build(t testing.TB, root string) *project.Project {
	t.Helper()
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(project.BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	return p
}

// served is a page as served, less the reload script.
func served(t testing.TB, c *client, path string) []byte {
	t.Helper()
	code, body := c.get(path)
	if code != 200 {
		t.Fatalf("GET %s: %d %s", path, code, body)
	}
	return bytes.Replace(body, []byte(reloadScript), nil, 1)
}

const reloadScript = `<script>if(window.top===window)(function(f){if(window.SharedWorker)try{var w=new SharedWorker("/events.js");w.port.onmessage=f;addEventListener("pagehide",function(){w.port.postMessage("bye")});addEventListener("pageshow",function(e){if(e.persisted)w.port.postMessage("hi")});return}catch(e){}new EventSource("/events").addEventListener("change",f)})(function(){location.reload()})</script>`

// TestServedPagesAreWhatBuildWrites protects the one rule: a served page
// is byte for byte the page quipu build writes from the same files, for
// a project never built and after an edit.
func TestServedPagesAreWhatBuildWrites(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	before := map[string][]byte{}
	for _, l := range []string{"en", "es-PE"} {
		for _, ext := range []string{".html", ".md"} {
			before[l+ext] = served(t, c, "/"+l+"/"+seedDoc+ext)
		}
	}
	build(t, root)
	for k, got := range before {
		l, ext, _ := strings.Cut(k, ".")
		want, err := os.ReadFile(filepath.Join(root, "output", l, seedDoc+"."+ext))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: served page differs from the built one", k)
		}
	}
	code, body := c.get("/es-PE/" + seedDoc + ".html")
	if code != 200 || !bytes.Contains(body, []byte(reloadScript+"</body>")) {
		t.Errorf("served HTML lacks the reload script before </body>")
	}
	built, _ := os.ReadFile(filepath.Join(root, "output", "es-PE", seedDoc+".html"))
	if bytes.Contains(built, []byte("EventSource")) {
		t.Error("the built page has the reload script")
	}
}

// TestAPIStatuses answers every status code of the API contract.
func TestAPIStatuses(t *testing.T) {
	root := guideProject(t)
	_, c := start(t, root)
	d := c.messages("es-PE", seedDoc)
	if len(d.Messages) < 10 || d.Progress.Total != len(d.Messages) || d.Progress.Reviewed == 0 {
		t.Fatalf("messages: %d, progress %+v", len(d.Messages), d.Progress)
	}
	first := d.Messages[0]
	if first.Kind != "title" || first.State != "reviewed" || !strings.HasPrefix(first.Position, "content/"+seedDoc+".md:") || len(first.Glossary) == 0 {
		t.Errorf("first message: %+v", first)
	}
	var tagged *apiMessage
	for i := range d.Messages {
		if strings.Contains(d.Messages[i].Source, "<1>") {
			tagged = &d.Messages[i]
			break
		}
	}
	put := func(m apiMessage, text, state, version, token string) (int, []byte) {
		return c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": text, "state": state, "version": version}, token)
	}
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	orig, _ := os.ReadFile(file)
	unchanged := func(what string) {
		t.Helper()
		if now, _ := os.ReadFile(file); !bytes.Equal(now, orig) {
			t.Errorf("%s changed the message file", what)
		}
	}

	for _, tt := range []struct {
		name   string
		method string
		path   string
		body   any
		token  string
		want   int
	}{
		{"unknown locale", "GET", "/api/fr/" + seedDoc, nil, "", 404},
		{"source locale", "GET", "/api/en/" + seedDoc, nil, "", 404},
		{"unknown doc", "GET", "/api/es-PE/nope", nil, "", 404},
		{"doc out of the content folder", "GET", "/api/es-PE/..%2F..%2Fetc%2Fpasswd", nil, "", 404},
		{"no token", "PUT", msgPath(seedDoc) + url.PathEscape(first.ID), map[string]string{"text": "x"}, "", 403},
		{"wrong token", "PUT", msgPath(seedDoc) + url.PathEscape(first.ID), map[string]string{"text": "x"}, strings.Repeat("0", 64), 403},
		{"check without token", "POST", msgPath(seedDoc) + url.PathEscape(first.ID) + "/check", map[string]string{"text": "x"}, "", 403},
		{"bad JSON", "PUT", msgPath(seedDoc) + url.PathEscape(first.ID), "{text:", c.token, 400},
		{"unknown field", "PUT", msgPath(seedDoc) + url.PathEscape(first.ID), `{"txt":"x"}`, c.token, 400},
		{"bad state", "PUT", msgPath(seedDoc) + url.PathEscape(first.ID), map[string]string{"text": "x", "state": "fuzzy", "version": first.Version}, c.token, 400},
		{"unknown id", "PUT", msgPath(seedDoc) + "nope-123", map[string]string{"text": "x", "version": first.Version}, c.token, 404},
		{"unknown doc", "PUT", msgPath("nope") + url.PathEscape(first.ID), map[string]string{"text": "x"}, c.token, 404},
		{"stale version", "PUT", msgPath(seedDoc) + url.PathEscape(first.ID), map[string]string{"text": "x", "version": "0"}, c.token, 409},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := c.do(tt.method, tt.path, tt.body, tt.token)
			if code != tt.want {
				t.Errorf("%s %s: %d %s, want %d", tt.method, tt.path, code, body, tt.want)
			}
			if code >= 400 && code != 403 && !json.Valid(body) {
				t.Errorf("error body is not JSON: %s", body)
			}
			unchanged(tt.name)
		})
	}

	t.Run("stale version names the current one", func(t *testing.T) {
		code, body := put(first, "x", "", "0", c.token)
		var e struct{ Error, Version string }
		json.Unmarshal(body, &e)
		if code != 409 || e.Version != first.Version {
			t.Errorf("%d %s", code, body)
		}
	})
	gd := c.messages("es-PE", "guide/start")
	for i := range gd.Messages {
		if strings.Contains(gd.Messages[i].Source, "<1>") {
			tagged = &gd.Messages[i]
			break
		}
	}
	if tagged == nil {
		t.Fatal("no tagged message")
	}
	t.Run("a dropped tag is 422 and writes nothing", func(t *testing.T) {
		code, body := c.do("PUT", msgPath("guide/start")+url.PathEscape(tagged.ID), map[string]string{"text": "sin etiquetas", "version": tagged.Version}, c.token)
		if code != 422 || !bytes.Contains(body, []byte(`"tag-`)) {
			t.Errorf("%d %s", code, body)
		}
		unchanged("a 422")
	})
	t.Run("check reports a draft's problems and writes nothing", func(t *testing.T) {
		code, body := c.do("POST", msgPath("guide/start")+url.PathEscape(tagged.ID)+"/check", map[string]string{"text": "<1>x"}, c.token)
		if code != 200 || !bytes.Contains(body, []byte(`"severity":"error"`)) {
			t.Errorf("%d %s", code, body)
		}
		unchanged("a check")
	})
	t.Run("a save changes only the message's other and state lines", func(t *testing.T) {
		text := "Bases militares & \"más\" \\ en el Perú?"
		code, body := put(first, text, "translated", first.Version, c.token)
		if code != 200 {
			t.Fatalf("%d %s", code, body)
		}
		var res struct{ ID, Version, State string }
		json.Unmarshal(body, &res)
		if res.ID != first.ID || res.State != "translated" || res.Version == first.Version {
			t.Errorf("answer %s", body)
		}
		now, _ := os.ReadFile(file)
		want := bytes.Replace(orig, []byte("#, reviewed\n[\""+first.ID+"\"]"), []byte("#, translated\n[\""+first.ID+"\"]"), 1)
		want = bytes.Replace(want, []byte(catalog.Quote(first.Text)), []byte(catalog.Quote(text)), 1)
		if !bytes.Equal(now, want) {
			t.Errorf("file after the save:\n%s", now)
		}
		m := c.messages("es-PE", seedDoc).Messages[0]
		if m.Text != text || m.Version != res.Version || m.State != "translated" {
			t.Errorf("read back %+v", m)
		}
		// The same version again is stale now.
		if code, _ := put(first, "otra", "", first.Version, c.token); code != 409 {
			t.Errorf("second save with the old version: %d", code)
		}
	})
}

// TestHostMustBeTheServedAddress protects against DNS rebinding: a page of
// another site, its name pointed at 127.0.0.1, reaches the server under
// its own Host.
func TestHostMustBeTheServedAddress(t *testing.T) {
	_, c := start(t, seedProject(t))
	u, _ := url.Parse(c.url)
	_, port, _ := strings.Cut(u.Host, ":")
	for host, want := range map[string]int{
		"evil.example:" + port: 421,
		"evil.example":         421,
		u.Host:                 200,
		"localhost:" + port:    200,
		"localhost:1":          421,
	} {
		req, _ := http.NewRequest("GET", c.url+"/api/es-PE/"+seedDoc, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// TestTokenOnlyInTheWorkbench: the token is on the workbench page and on
// no other page or answer.
func TestTokenOnlyInTheWorkbench(t *testing.T) {
	_, c := start(t, seedProject(t))
	code, body := c.get("/edit/es-PE/" + seedDoc)
	if code != 200 || !bytes.Contains(body, []byte(`<meta name="quipu-token" content="`+c.token+`">`)) {
		t.Errorf("workbench: %d, token missing", code)
	}
	for _, p := range []string{"/", "/es-PE/" + seedDoc + ".html", "/en/" + seedDoc + ".md", "/api/es-PE/" + seedDoc} {
		if _, body := c.get(p); bytes.Contains(body, []byte(c.token)) {
			t.Errorf("%s shows the token", p)
		}
	}
	for _, p := range []string{"/edit/en/" + seedDoc, "/edit/es-PE/nope", "/edit/es-PE/../x"} {
		if code, _ := c.get(p); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
}

// TestIndexListsLocalesAndDocuments links every page and workbench.
func TestIndexListsLocalesAndDocuments(t *testing.T) {
	_, c := start(t, seedProject(t))
	_, body := c.get("/")
	for _, want := range []string{`href="/en/` + seedDoc + `.html"`, `href="/es-PE/` + seedDoc + `.html"`, `href="/edit/es-PE/` + seedDoc + `"`} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("index lacks %s", want)
		}
	}
}

// TestConfinement: nothing outside the content folder is served, by a
// path or through a link.
func TestConfinement(t *testing.T) {
	root := seedProject(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("# secret\n"), 0o644)
	os.WriteFile(filepath.Join(filepath.Dir(outside), "secret.png"), []byte("secret"), 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "content", "link.md")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(filepath.Dir(outside), "secret.png"), filepath.Join(root, "content", "img.png"))
	os.WriteFile(filepath.Join(root, "content", "ok.png"), []byte("png"), 0o644)
	_, c := start(t, root)
	for _, p := range []string{"/es-PE/link.html", "/es-PE/img.png", "/es-PE/..%2F..%2Fsecret.png", "/es-PE/%2E%2E/locales/glossary.toml", "/api/es-PE/link", "/edit/es-PE/link"} {
		code, body := c.get(p)
		if code != 404 || bytes.Contains(body, []byte("secret")) {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
	if code, body := c.get("/es-PE/ok.png"); code != 200 || string(body) != "png" {
		t.Errorf("an asset: %d %s", code, body)
	}
	// The seed document is still served beside the refused link.
	if code, _ := c.get("/es-PE/" + seedDoc + ".html"); code != 200 {
		t.Errorf("seed page: %d", code)
	}
}

// TestServedTldrPagesAreWhatBuildWrites is the one rule on a sample of
// the tldr corpus, some of it translated.
func TestServedTldrPagesAreWhatBuildWrites(t *testing.T) {
	pages := testshared.TldrPages(t)
	root := t.TempDir()
	base := filepath.Join(testshared.Tldr(t), "pages")
	var docs []string
	for i := 0; i < len(pages); i += len(pages)/40 + 1 {
		rel, _ := filepath.Rel(base, pages[i])
		data, _ := os.ReadFile(pages[i])
		os.MkdirAll(filepath.Join(root, "content", filepath.Dir(rel)), 0o755)
		os.WriteFile(filepath.Join(root, "content", rel), data, 0o644)
		docs = append(docs, strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
	}
	os.WriteFile(filepath.Join(root, "quipu.toml"), []byte("locales = [\"es-PE\"]\n"), 0o644)
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	_, c := start(t, root)
	// Every other document gets its first message translated.
	for i, d := range docs {
		if i%2 == 0 {
			m := c.messages("es-PE", d).Messages[0]
			if code, body := c.do("PUT", msgPath(d)+url.PathEscape(m.ID), map[string]string{"text": m.Source + " (es)", "version": m.Version}, c.token); code != 200 {
				t.Fatalf("%s: %d %s", d, code, body)
			}
		}
	}
	_, c = start(t, root)
	got := map[string][]byte{}
	for _, d := range docs {
		for _, l := range []string{"en", "es-PE"} {
			for _, ext := range []string{".html", ".md"} {
				got[l+"/"+d+ext] = served(t, c, "/"+l+"/"+d+ext)
			}
		}
	}
	build(t, root)
	for k, page := range got {
		want, err := os.ReadFile(filepath.Join(root, "output", k))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(page, want) {
			t.Errorf("%s: served page differs from the built one", k)
		}
	}
}

// TestAPISuggestsFromMemoryAndEscapes: an untranslated message close to a
// translated one gets its translation as a suggestion, and message text
// reaches the page as JSON with <, > and & escaped.
func TestAPISuggestsFromMemoryAndEscapes(t *testing.T) {
	root := seedProject(t)
	os.WriteFile(filepath.Join(root, "content", "near.md"), []byte("# Understanding the US Military Presence\n\nSee <b>this</b> & *that*.\n"), 0o644)
	p, _ := project.Open(root)
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	_, c := start(t, root)
	_, body := c.get("/api/es-PE/near")
	if bytes.Contains(body, []byte("<")) || bytes.Contains(body, []byte("&")) {
		t.Errorf("raw < or & in the API's JSON: %s", body)
	}
	var d struct {
		Messages []struct {
			Suggestions []struct {
				Text, Source string
				Score        float64
			}
		}
	}
	json.Unmarshal(body, &d)
	if len(d.Messages) == 0 || len(d.Messages[0].Suggestions) == 0 {
		t.Fatalf("no suggestion: %s", body)
	}
	sg := d.Messages[0].Suggestions[0]
	if sg.Text != "Para entender la presencia militar de EE. UU." || sg.Source != seedDoc || sg.Score < 0.75 || sg.Score > 1 {
		t.Errorf("suggestion %+v", sg)
	}
}

// TestHostOnEveryInterface: served on 0.0.0.0, a request may name the
// machine by any IP, never by a name.
func TestHostOnEveryInterface(t *testing.T) {
	s, c := start(t, seedProject(t))
	s.SetAddr("0.0.0.0:8080")
	for host, want := range map[string]int{
		"192.168.1.5:8080":  200,
		"[::1]:8080":        200,
		"localhost:8080":    200,
		"evil.example:8080": 421,
		"192.168.1.5:9090":  421,
	} {
		req, _ := http.NewRequest("GET", c.url+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// TestDotNamedDocumentIsServed: tldr's page for the `.` command is
// content/common/..md; its pages are served as build writes them.
func TestDotNamedDocumentIsServed(t *testing.T) {
	root := seedProject(t)
	os.MkdirAll(filepath.Join(root, "content", "common"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "common", "..md"), []byte("# .\n\n> Source a file.\n"), 0o644)
	_, c := start(t, root)
	html, md := served(t, c, "/es-PE/common/..html"), served(t, c, "/es-PE/common/..md")
	build(t, root)
	for name, got := range map[string][]byte{"..html": html, "..md": md} {
		want, _ := os.ReadFile(filepath.Join(root, "output", "es-PE", "common", name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the built page", name)
		}
	}
}
