package workbench_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/quipu-l10n/quipu/pipeline/workbench"
)

// fakeServer implements the serve API contract for one document, in
// memory, so the page is tested without the real server.
type fakeServer struct {
	mu      sync.Mutex
	locale  string
	doc     string
	token   string
	msgs    []*fakeMsg
	clients map[chan string]bool
}

type fakeMsg struct {
	ID          string           `json:"id"`
	Source      string           `json:"source"`
	Text        string           `json:"text"`
	State       string           `json:"state"`
	Kind        string           `json:"kind"`
	Version     string           `json:"version"`
	Previous    string           `json:"previous,omitempty"`
	Diff        string           `json:"diff,omitempty"`
	Position    string           `json:"position"`
	Problems    []map[string]any `json:"problems"`
	Glossary    []map[string]any `json:"glossary"`
	Suggestions []map[string]any `json:"suggestions"`
	rev         int
}

func (m *fakeMsg) bump() { m.rev++; m.Version = fmt.Sprintf("v%d-%s", m.rev, m.ID) }

// hostile is a source and translation that would run script if the page
// ever read message data as markup.
const hostile = `<img src=x onerror="window.__pwned=1"> </script><script>window.__pwned=2</script> & <b>bold</b>`

func newFakeServer() *fakeServer {
	f := &fakeServer{locale: "es-PE", doc: "guide/start", token: "tok-123", clients: map[chan string]bool{}}
	add := func(m fakeMsg) {
		m.Position = fmt.Sprintf("content/guide/start.md:%d:1", 1+2*len(f.msgs))
		c := m
		c.bump()
		f.msgs = append(f.msgs, &c)
	}
	add(fakeMsg{ID: "guide/start.getting-started-1a2b3c", Kind: "heading", Source: "Getting started", Text: "Primeros pasos", State: "reviewed",
		Glossary: []map[string]any{{"term": "getting started", "translation": "primeros pasos", "note": "sentence case"}}})
	add(fakeMsg{ID: "guide/start.install-the-tool-4d5e6f", Kind: "paragraph",
		Source: "Install the tool with <1>go install</1>, then run <2/> in your project.", State: "untranslated",
		Glossary:    []map[string]any{{"term": "tool", "translation": "herramienta"}},
		Suggestions: []map[string]any{{"text": "Instale la herramienta con <1>go install</1> y ejecute <2/>.", "score": 0.82, "source": "guide/other"}}})
	add(fakeMsg{ID: "guide/start.the-build-is-fast-7a8b9c", Kind: "paragraph", Source: "The build is not slow.", Text: "La compilación es rápida.", State: "fuzzy",
		Previous: "The build is fast.", Diff: "The build is [-fast-] {+not slow+}."})
	add(fakeMsg{ID: "guide/start.hostile-0d0e0f", Kind: "paragraph", Source: hostile, Text: hostile, State: "translated"})
	add(fakeMsg{ID: "guide/start.read-the-manual-aa11bb", Kind: "list item", Source: "Read the <1>manual</1>.", State: "untranslated"})
	return f
}

var fakeTag = regexp.MustCompile(`</?[0-9]+/?>`)

// markup is the server's verdict on a translation's tags: one not in the English is an error.
func markup(source, text string) []map[string]any {
	var out []map[string]any
	have := map[string]bool{}
	for _, t := range fakeTag.FindAllString(source, -1) {
		have[t] = true
	}
	for _, loc := range fakeTag.FindAllStringIndex(text, -1) {
		if t := text[loc[0]:loc[1]]; !have[t] {
			out = append(out, map[string]any{"severity": "error", "message": "tag " + t + " is not in the English", "offset": loc[0]})
		}
	}
	if strings.Contains(text, "  ") {
		out = append(out, map[string]any{"severity": "warning", "message": "two spaces in a row", "offset": strings.Index(text, "  ")})
	}
	return out
}

func (f *fakeServer) find(id string) *fakeMsg {
	for _, m := range f.msgs {
		if m.ID == id {
			return m
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.EscapedPath()
	prefix := "/api/" + f.locale + "/" + f.doc
	switch {
	case p == "/edit/"+f.locale+"/"+f.doc:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		f.mu.Lock()
		token := f.token
		f.mu.Unlock()
		workbench.Render(w, workbench.Data{Locale: f.locale, Doc: f.doc, Token: token, Locales: []string{"es-PE", "pt-BR"}, Docs: []string{"guide/start", "guide/next"}})
	case p == "/"+f.locale+"/"+f.doc+".html":
		f.page(w)
	case p == "/events":
		f.events(w, r)
	case p == "/events.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, workbench.EventsJS)
	case p == prefix && r.Method == http.MethodGet:
		f.mu.Lock()
		defer f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"locale": f.locale, "doc": f.doc, "messages": f.msgs})
	case strings.HasPrefix(p, prefix+"/"):
		rest := strings.TrimPrefix(p, prefix+"/")
		check := strings.HasSuffix(rest, "/check")
		id, err := url.PathUnescape(strings.TrimSuffix(rest, "/check"))
		if err != nil || strings.Contains(strings.TrimSuffix(rest, "/check"), "/") {
			writeJSON(w, 404, map[string]string{"error": "no such message"})
			return
		}
		f.write(w, r, id, check)
	default:
		writeJSON(w, 404, map[string]string{"error": "not found"})
	}
}

func (f *fakeServer) write(w http.ResponseWriter, r *http.Request, id string, check bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("X-Quipu-Token") != f.token {
		writeJSON(w, 403, map[string]string{"error": "bad token"})
		return
	}
	var in struct{ Text, State, Version string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, 400, map[string]string{"error": err.Error()})
		return
	}
	m := f.find(id)
	if m == nil {
		writeJSON(w, 404, map[string]string{"error": "no such message"})
		return
	}
	probs := markup(m.Source, in.Text)
	if check {
		writeJSON(w, 200, map[string]any{"problems": probs})
		return
	}
	if r.Method != http.MethodPut {
		writeJSON(w, 405, map[string]string{"error": "method"})
		return
	}
	if in.Version != m.Version {
		writeJSON(w, 409, map[string]string{"error": "changed on disk", "version": m.Version})
		return
	}
	for _, p := range probs {
		if p["severity"] == "error" {
			writeJSON(w, 422, map[string]any{"problems": probs})
			return
		}
	}
	m.Text, m.State, m.Problems = in.Text, in.State, probs
	if m.State == "" {
		m.State = "translated"
		if in.Text == "" {
			m.State = "untranslated"
		}
	}
	m.Previous, m.Diff = "", ""
	m.bump()
	writeJSON(w, 200, map[string]any{"id": m.ID, "version": m.Version, "state": m.State, "problems": probs})
	f.notify()
}

// touch changes a message behind the page's back, as a hand edit would.
func (f *fakeServer) touch(id, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.find(id)
	m.Text = text
	m.bump()
}

// notify sends every open event stream a change; f.mu is held.
func (f *fakeServer) notify() {
	for c := range f.clients {
		select {
		case c <- `{"files":["locales/es-PE/guide/start.es-PE.toml"]}`:
		default:
		}
	}
}

func (f *fakeServer) events(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	c := make(chan string, 4)
	f.mu.Lock()
	f.clients[c] = true
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.clients, c)
		f.mu.Unlock()
	}()
	w.WriteHeader(200)
	w.(http.Flusher).Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case d := <-c:
			fmt.Fprintf(w, "event: change\ndata: %s\n\n", d)
			w.(http.Flusher).Flush()
		}
	}
}

var fakePage = template.Must(template.New("").Parse(`<!DOCTYPE html><html lang="es-PE"><head><meta charset="utf-8"><title>Guía</title>
<style>body{font:16px/1.6 Georgia,serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}</style></head><body>
<nav class="toc"><ol>{{range .}}{{if eq .Kind "heading"}}<li>{{.Show}}</li>{{end}}{{end}}</ol></nav>
{{range .}}{{if eq .Kind "heading"}}<h1>{{.Show}}</h1>{{else if eq .Kind "list item"}}<ul><li>{{.Show}}</li></ul>{{else}}<p>{{.Show}}</p>{{end}}
{{end}}</body></html>`))

// page is the localized page as a build would write it: translated text,
// or the English where there is none (tags dropped, text escaped).
func (f *fakeServer) page(w http.ResponseWriter) {
	f.mu.Lock()
	type row struct{ Kind, Show string }
	var rows []row
	for _, m := range f.msgs {
		s := m.Source
		if m.State == "translated" || m.State == "reviewed" {
			s = m.Text
		}
		rows = append(rows, row{m.Kind, fakeTag.ReplaceAllString(s, "")})
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fakePage.Execute(w, rows)
}
