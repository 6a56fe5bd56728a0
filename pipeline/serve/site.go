package serve

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/workbench"
)

// reloadScript reloads a served page when a file it is built from
// changes. It is added to served pages only, never to built files. A
// browser opens only six connections to one server and an event stream
// holds one, so tabs listen through one shared worker (/events.js) and a
// page framed by the workbench leaves the reloading to it; a stream of the
// page's own is for browsers without shared workers.
const reloadScript = `<script>if(window.top===window)(function(f){if(window.SharedWorker)try{var w=new SharedWorker("/events.js");w.port.onmessage=f;addEventListener("pagehide",function(){w.port.postMessage("bye")});addEventListener("pageshow",function(e){if(e.persisted)w.port.postMessage("hi")});return}catch(e){}new EventSource("/events").addEventListener("change",f)})(function(){location.reload()})</script>`

// eventsWorker serves the shared worker that holds the tabs' one event
// stream.
func eventsWorker(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, workbench.EventsJS)
}

// withReload adds the reload script before the page's last </body>, or at
// its end.
func withReload(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(reloadScript))
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out = append(out, page[:i]...)
	out = append(out, reloadScript...)
	return append(out, page[i:]...)
}

// render returns a document's outputs in a locale, from the cache when
// nothing it is built from changed since.
func (s *Server) render(st *state, locale, doc string) (map[string][]byte, error) {
	key := pageKey{locale, doc}
	s.mu.RLock()
	pages, ok := s.pages[key]
	gen := s.gen
	s.mu.RUnlock()
	if ok {
		return pages, nil
	}
	pages, err := st.r.Render(st.docs[doc], locale)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.gen == gen && s.st == st {
		s.keepPage(key, pages)
	}
	s.mu.Unlock()
	return pages, nil
}

// page serves /{locale}/{doc}.html and .md as a build would write them,
// and the content folder's other files (images) a page shows.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	locale, file := r.PathValue("locale"), r.PathValue("file")
	if !st.isLocale(locale) || !cleanDoc(file) {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(file)
	doc := strings.TrimSuffix(file, ext)
	if _, ok := st.docs[doc]; ok {
		s.touch(doc)
		pages, err := s.render(st, locale, doc)
		if errors.Is(err, fs.ErrNotExist) || outside(err) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			s.problemPage(w, err)
			return
		}
		data, ok := pages[ext]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		switch ext {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			data = withReload(data)
		case ".md":
			w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		}
		w.Write(data)
		return
	}
	s.asset(w, r, st, file)
}

// asset serves a file of the content folder that is no document, read
// through the workspace: a link that leads out of the project is refused.
func (s *Server) asset(w http.ResponseWriter, r *http.Request, st *state, file string) {
	name := st.p.Asset(file)
	if name == "" {
		http.NotFound(w, r)
		return
	}
	data, err := st.p.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(file))
	if ct == "" || strings.HasPrefix(ct, "text/html") {
		ct = "application/octet-stream" // never a page of its own
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Write(data)
}

var problemTmpl = template.Must(template.New("problem").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>quipu: this page does not build</title></head>
<body><h1>This page does not build</h1><pre>{{.}}</pre></body></html>
`))

// problemPage shows why a page does not build; it reloads once a file is
// saved, like the page would.
func (s *Server) problemPage(w http.ResponseWriter, err error) {
	var b bytes.Buffer
	problemTmpl.Execute(&b, err.Error())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(withReload(b.Bytes()))
}

// escapePath escapes each segment of a document's path for a link, so a
// name holding ? or # stays a path (html/template leaves those as they are).
func escapePath(doc string) string {
	segs := strings.Split(doc, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

var indexTmpl = template.Must(template.New("index").Funcs(template.FuncMap{"path": escapePath}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>quipu serve</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}td{padding:.1rem .6rem}</style></head>
<body><h1>quipu serve</h1>
<p>Locales: {{range .Locales}}{{.}} {{end}}</p>
<table><thead><tr><th>Document</th>{{range .Locales}}<th>{{.}}</th>{{end}}{{range .Targets}}<th>edit {{.}}</th>{{end}}</tr></thead><tbody>
{{range $d := .Docs}}<tr><td>{{$d}}</td>{{range $.Locales}}<td><a href="/{{.}}/{{path $d}}.html">page</a></td>{{end}}{{range $.Targets}}<td><a href="/edit/{{.}}/{{path $d}}">edit</a></td>{{end}}</tr>
{{end}}</tbody></table></body></html>
`))

// index lists the locales and documents, with links to their pages and
// their workbenches.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	var b bytes.Buffer
	indexTmpl.Execute(&b, map[string]any{"Locales": st.locales, "Targets": st.targets, "Docs": st.keys})
	w.Write(withReload(b.Bytes()))
}

// edit serves the translator's workbench for a document in a target
// locale, the one page that carries the token.
func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	locale, doc := r.PathValue("locale"), r.PathValue("doc")
	if _, ok := st.docs[doc]; !ok || !cleanDoc(doc) || !isTarget(st, locale) {
		http.NotFound(w, r)
		return
	}
	s.touch(doc)
	var b bytes.Buffer
	if err := workbench.Render(&b, workbench.Data{Locale: locale, Doc: doc, Token: s.token, Locales: st.targets, Docs: st.keys}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Write(b.Bytes())
}

func isTarget(st *state, locale string) bool {
	for _, l := range st.targets {
		if l == locale {
			return true
		}
	}
	return false
}
