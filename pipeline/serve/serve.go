// Package serve is `quipu serve`: the project's site built live from the
// files on disk, the translator's workbench, and the JSON API under it.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// Options tune a Server.
type Options struct {
	// Poll, when set, watches files by stamps every Poll instead of the
	// file system's notifications (for file systems without them; used
	// too when notifications cannot be set up).
	Poll time.Duration
	// Log receives what the server tells its user besides the address.
	Log io.Writer
}

// DefaultPoll is how often the polling fallback stamps the files.
const DefaultPoll = 10 * time.Millisecond

// Server serves one project.
type Server struct {
	root  string
	opt   Options
	token string
	addr  string // host:port, as the Host header must name it

	mu    sync.RWMutex
	st    *state
	gen   uint64                        // bumped on every change, so a page rendered before one is not cached
	pages map[pageKey]map[string][]byte // (locale, doc) → outputs by extension
	held  int                           // bytes in pages
	mems  map[string]*memo              // by locale, built on first use

	hotMu sync.Mutex
	hot   map[string]time.Time // documents shown lately, by key: see watchPoll

	writeMu sync.Mutex // one message file write at a time in this process
	events  *broker

	watchMu sync.Mutex
	w       watcher // nil until Serve watches
}

// state is the project as last read: reread when its configuration,
// glossary or template changes.
type state struct {
	p        *project.Project
	r        *project.Renderer
	docs     map[string]project.Source // by document key (path without extension)
	keys     []string                  // sorted
	locales  []string                  // built
	targets  []string
	content  string // the content folder, project-relative
	messages string // the message folder
}

type pageKey struct{ locale, doc string }

// memo is a locale's translation memory. Building it reads every message
// file of the locale, so a save does not wait for it: the memory is
// marked dirty and built again in the background, the old one answering
// meanwhile.
type memo struct {
	m               *tm.Memory
	dirty, building bool
}

// New opens the project at root for serving.
func New(root string, opt Options) (*Server, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	s := &Server{root: root, opt: opt, token: hex.EncodeToString(b), events: newBroker(), pages: map[pageKey]map[string][]byte{}, mems: map[string]*memo{}}
	st, err := s.load()
	if err != nil {
		return nil, err
	}
	s.st = st
	return s, nil
}

// load reads the project and lists its documents (names only: no
// document is read until asked for).
func (s *Server) load() (*state, error) {
	p, err := project.Open(s.root)
	if err != nil {
		return nil, err
	}
	st := &state{p: p, r: p.NewRenderer(), targets: p.TargetLocales(), content: p.Config.Content, messages: p.Config.LocalesDir}
	if st.locales, err = p.BuildLocales(); err != nil {
		return nil, err
	}
	if err := st.list(); err != nil {
		return nil, err
	}
	return st, nil
}

func (st *state) list() error {
	// A document refused (a link out of the content folder) is left out
	// and answers 404; the others are served.
	sources, err := st.p.Sources()
	if err != nil && sources == nil {
		return err
	}
	st.docs = make(map[string]project.Source, len(sources))
	st.keys = st.keys[:0]
	for _, src := range sources {
		k := strings.TrimSuffix(src.Rel, path.Ext(src.Rel))
		st.docs[k] = src
		st.keys = append(st.keys, k)
	}
	return nil
}

// Token is the run's secret that writes must carry (X-Quipu-Token).
func (s *Server) Token() string { return s.token }

func (s *Server) state() *state {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st
}

// watchRoots are the files and folders whose changes reach the pages.
func (st *state) watchRoots() []string {
	roots := []string{config.File, st.content, st.messages, st.p.Config.Glossary}
	if t := st.p.Config.Templates; t != "" {
		roots = append(roots, t)
	}
	return roots
}

// changed takes the files that changed (project-relative) and drops what
// they make stale: the pages of a document for its content or messages,
// everything for the configuration, glossary or template.
func (s *Server) changed(files []string) {
	s.mu.RLock()
	st := s.st
	s.mu.RUnlock()
	if files = st.matter(files); len(files) == 0 {
		return
	}
	s.mu.Lock()
	st = s.st
	s.gen++
	all, relist := false, false
	for _, f := range files {
		switch {
		case strings.HasPrefix(f, st.content+"/"):
			k := strings.TrimPrefix(f, st.content+"/")
			k = strings.TrimSuffix(k, path.Ext(k))
			if _, ok := st.docs[k]; !ok || !exists(s.root, f) {
				relist = true
			}
			s.dropDoc(k)
		case strings.HasPrefix(f, st.messages+"/") && f != st.p.Config.Glossary:
			if k, ok := messageDoc(f, st.messages); ok {
				s.dropDoc(k)
			}
			for _, m := range s.mems {
				m.dirty = true
			}
		default:
			all = true
		}
	}
	if all {
		s.clearPages()
		clear(s.mems)
	}
	s.mu.Unlock()
	if all || relist {
		var st2 *state
		var err error
		if all {
			st2, err = s.load()
		} else {
			st2 = &state{}
			*st2 = *st
			st2.keys = nil
			err = st2.list()
		}
		if err != nil {
			s.logf("%v", err)
		} else {
			s.mu.Lock()
			s.st = st2
			s.gen++
			s.clearPages()
			s.mu.Unlock()
			if all {
				// The new configuration may name other folders and files.
				s.watchMu.Lock()
				if s.w != nil {
					s.w.SetRoots(st2.watchRoots())
				}
				s.watchMu.Unlock()
			}
		}
	}
	// Told only now: a page asked for on this event is built afresh.
	s.events.send(files)
}

func (s *Server) dropDoc(k string) {
	for key := range s.pages {
		if key.doc == k {
			s.dropPage(key)
		}
	}
}

// memoryLimit is the soft limit of the process's memory while serving:
// what it holds with a full page cache (about 60 MB on the tldr corpus)
// and room for the pages being built.
const memoryLimit = 96 << 20

// maxHeld bounds the page cache: a crawl of a large site would otherwise
// keep every page of it.
const maxHeld = 32 << 20

// keepPage caches a document's pages in a locale, dropping others (any:
// a map's order) while the cache holds more than maxHeld bytes. Called
// with mu held.
func (s *Server) keepPage(key pageKey, pages map[string][]byte) {
	s.dropPage(key)
	for _, b := range pages {
		s.held += len(b)
	}
	s.pages[key] = pages
	for k := range s.pages {
		if s.held <= maxHeld {
			break
		}
		if k != key {
			s.dropPage(k)
		}
	}
}

func (s *Server) dropPage(key pageKey) {
	for _, b := range s.pages[key] {
		s.held -= len(b)
	}
	delete(s.pages, key)
}

func (s *Server) clearPages() {
	clear(s.pages)
	s.held = 0
}

// messageDoc is the document key of a message file
// (<locales>/<locale>/<doc>.<locale>.toml).
func messageDoc(f, dir string) (string, bool) {
	rest := strings.TrimPrefix(f, dir+"/")
	locale, name, ok := strings.Cut(rest, "/")
	if !ok {
		return "", false
	}
	k, ok := strings.CutSuffix(name, "."+locale+".toml")
	return k, ok
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		fmt.Fprintf(s.opt.Log, format+"\n", args...)
	}
}

// notify watches through the file system's notifications; a test makes
// it fail, as it does where the kernel has none or too few to give.
var notify = watchFS

// Serve serves on l until ctx is done, then shuts down: requests under
// way finish, event streams end.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	s.addr = l.Addr().String()
	if os.Getenv("GOMEMLIMIT") == "" {
		// The page cache is bounded (maxHeld), but by default the garbage
		// collector lets the heap grow to twice what is live: a soft limit
		// keeps a server that has shown every page of a large site near
		// what it holds, collecting more often only then.
		debug.SetMemoryLimit(memoryLimit)
	}
	done := make(chan struct{})
	defer close(done)
	st := s.state()
	var w watcher
	if s.opt.Poll == 0 {
		var err error
		w, err = notify(s.root, st.watchRoots(), s.changed, done)
		if err != nil {
			s.logf("file system notifications unavailable (%v): polling every %v", err, DefaultPoll)
			s.opt.Poll = DefaultPoll
		}
	}
	if w == nil {
		w = watchPoll(s.root, st.watchRoots(), s.opt.Poll, s.hotFiles, s.changed, done)
	}
	defer w.Close()
	s.watchMu.Lock()
	s.w = w
	s.watchMu.Unlock()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.events.close()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler routes the server's requests, behind the guard against other
// sites' pages.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /events", s.serveEvents)
	mux.HandleFunc("GET /events.js", eventsWorker)
	mux.HandleFunc("GET /edit/{locale}/{doc...}", s.edit)
	mux.HandleFunc("GET /api/{locale}/{rest...}", s.apiGet)
	mux.HandleFunc("PUT /api/{locale}/{rest...}", s.apiPut)
	mux.HandleFunc("POST /api/{locale}/{rest...}", s.apiCheck)
	mux.HandleFunc("GET /{locale}/{file...}", s.page)
	return s.guard(mux)
}

// hotFor is how long a document shown stays hot, and hotMax how many are.
const (
	hotFor = 10 * time.Minute
	hotMax = 64
)

// touch marks a document as shown now.
func (s *Server) touch(doc string) {
	s.hotMu.Lock()
	defer s.hotMu.Unlock()
	if s.hot == nil {
		s.hot = map[string]time.Time{}
	}
	s.hot[doc] = time.Now()
	if len(s.hot) > hotMax {
		oldest, at := "", time.Now()
		for d, t := range s.hot {
			if t.Before(at) {
				oldest, at = d, t
			}
		}
		delete(s.hot, oldest)
	}
}

// hotFiles are the files the pages of the documents shown lately are
// built from: their content and their message files along every target's
// chain.
func (s *Server) hotFiles() []string {
	st := s.state()
	s.hotMu.Lock()
	defer s.hotMu.Unlock()
	out := []string{st.p.Config.Glossary} // every page shows its foreign terms
	for doc, t := range s.hot {
		if time.Since(t) > hotFor {
			delete(s.hot, doc)
			continue
		}
		src, ok := st.docs[doc]
		if !ok {
			continue
		}
		out = append(out, st.p.ContentPath(src))
		for _, l := range st.targets {
			for _, cl := range st.p.Config.Chain(l) {
				out = append(out, st.p.MessagePath(cl, src))
			}
		}
	}
	return out
}

// SetAddr names the address the Host header must give, for a Handler
// served without Serve (tests).
func (s *Server) SetAddr(addr string) { s.addr = addr }

func (st *state) isLocale(l string) bool { return slices.Contains(st.locales, l) }

// URL is the address to print for a listener opened at addr: the host as
// the user gave it, so that "0.0.0.0:0" reads as that and not as Go's
// "[::]", with the port the listener really has.
func URL(addr string, l net.Listener) string {
	host, _, err := net.SplitHostPort(addr)
	_, port, perr := net.SplitHostPort(l.Addr().String())
	if err != nil || perr != nil || host == "" {
		return "http://" + l.Addr().String() + "/"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
