package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/msgedit"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// The API's JSON: encoding/json escapes <, > and &, so message text is
// inert wherever a page puts it.

type errorBody struct {
	Error   string `json:"error"`
	Version string `json:"version,omitempty"`
}

type problemJSON struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Offset   int    `json:"offset"`
}

type termJSON struct {
	Term        string `json:"term"`
	Translation string `json:"translation"`
	Note        string `json:"note"`
}

type suggestionJSON struct {
	Text   string  `json:"text"`
	Score  float64 `json:"score"` // 0 to 1
	Source string  `json:"source"`
	// English is the source text of the suggestion's translation.
	English string `json:"english"`
}

type messageJSON struct {
	ID          string           `json:"id"`
	Source      string           `json:"source"`
	Text        string           `json:"text"`
	State       string           `json:"state"`
	Kind        string           `json:"kind"`
	Version     string           `json:"version"`
	Previous    string           `json:"previous"`
	Diff        string           `json:"diff"`
	Position    string           `json:"position"`
	Problems    []problemJSON    `json:"problems"`
	Glossary    []termJSON       `json:"glossary"`
	Suggestions []suggestionJSON `json:"suggestions"`
	Tags        []string         `json:"tags"` // what tag n stands for, at n-1
}

// progressJSON counts a document's messages as quipu status does.
type progressJSON struct {
	Total        int `json:"total"`
	Translated   int `json:"translated"`
	Reviewed     int `json:"reviewed"`
	Fuzzy        int `json:"fuzzy"`
	Machine      int `json:"machine"`
	Aligned      int `json:"aligned"`
	Rejected     int `json:"rejected"`
	Untranslated int `json:"untranslated"`
}

type docJSON struct {
	Locale   string        `json:"locale"`
	Doc      string        `json:"doc"`
	Messages []messageJSON `json:"messages"`
	Progress progressJSON  `json:"progress"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func problems(ps []pipeline.Problem) []problemJSON {
	out := make([]problemJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, problemJSON{Severity: string(p.Severity), Code: p.Code, Message: p.Msg, Offset: p.Offset})
	}
	return out
}

// stateName is a message's state as the API names it: a translation
// without a flag counts as translated, an empty one as untranslated.
func stateName(text string, s catalog.State) string {
	switch {
	case s == catalog.Stale:
		return "fuzzy"
	case s == catalog.Machine:
		return "machine"
	case s == catalog.Aligned:
		return "aligned"
	case strings.TrimSpace(text) == "":
		return "untranslated"
	case s == catalog.Reviewed:
		return "reviewed"
	}
	return "translated"
}

// target splits an API path after /api/{locale}/ into the document and,
// when withID, the message ID (the last segment, percent-encoded).
func target(r *http.Request, suffix string, withID bool) (doc, id string, ok bool) {
	locale := r.PathValue("locale")
	rest := strings.TrimPrefix(r.URL.EscapedPath(), "/api/"+url.PathEscape(locale)+"/")
	if suffix != "" {
		if rest, ok = strings.CutSuffix(rest, suffix); !ok {
			return "", "", false
		}
	}
	if withID {
		i := strings.LastIndexByte(rest, '/')
		if i < 0 {
			return "", "", false
		}
		var err error
		if id, err = url.PathUnescape(rest[i+1:]); err != nil || id == "" {
			return "", "", false
		}
		rest = rest[:i]
	}
	doc, err := url.PathUnescape(rest)
	return doc, id, err == nil && cleanDoc(doc)
}

// source finds a document of a target locale, or answers 404.
func (s *Server) source(w http.ResponseWriter, r *http.Request, st *state, doc string, ok bool) (project.Source, bool) {
	locale := r.PathValue("locale")
	src, known := st.docs[doc]
	if !ok || !known || !isTarget(st, locale) {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no document " + doc + " in locale " + locale})
		return project.Source{}, false
	}
	return src, true
}

func (s *Server) apiError(w http.ResponseWriter, err error) {
	var stale *project.StaleError
	var markup *project.MarkupError
	var busy *lock.BusyError
	switch {
	case errors.As(err, &stale):
		writeJSON(w, http.StatusConflict, errorBody{Error: err.Error(), Version: stale.Current})
	case errors.As(err, &markup):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"problems": problems(markup.Problems)})
	case errors.Is(err, fs.ErrNotExist):
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no such message"})
	case outside(err):
		// Where the link leads is no business of a page's.
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no such message file in the project"})
	case errors.As(err, &busy):
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: err.Error()})
	default:
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: err.Error()})
	}
}

// memory is a locale's translation memory: built on first use, then
// again in the background after message files changed (see memo).
func (s *Server) memory(st *state, locale string) *tm.Memory {
	s.mu.Lock()
	mm := s.mems[locale]
	if mm != nil && mm.dirty && !mm.building {
		mm.dirty, mm.building = false, true
		go func() {
			m, err := st.p.Memory(locale)
			s.mu.Lock()
			defer s.mu.Unlock()
			if err == nil {
				mm.m = m
			}
			mm.building = false
		}()
	}
	s.mu.Unlock()
	if mm != nil {
		return mm.m
	}
	m, err := st.p.Memory(locale)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mems[locale] == nil {
		s.mems[locale] = &memo{m: m}
	}
	return s.mems[locale].m
}

func (s *Server) apiGet(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	doc, _, ok := target(r, "", false)
	src, ok := s.source(w, r, st, doc, ok)
	if !ok {
		return
	}
	locale := r.PathValue("locale")
	s.touch(doc)
	msgs, err := st.p.Messages(src, locale, s.memory(st, locale))
	if err != nil {
		s.apiError(w, err)
		return
	}
	out := docJSON{Locale: locale, Doc: doc, Messages: []messageJSON{}}
	for _, m := range msgs {
		mj := messageJSON{
			ID: m.ID, Source: m.Source, Text: m.Text, State: stateName(m.Text, m.State), Kind: string(m.Kind),
			Version: m.Version, Previous: m.Previous, Position: m.Position.String(),
			Problems: problems(m.Problems), Glossary: []termJSON{}, Suggestions: []suggestionJSON{},
			Tags: append([]string{}, m.Tags...),
		}
		if m.Previous != "" {
			mj.Diff = catalog.WordDiff(m.Previous, m.Source)
		}
		for _, t := range m.Terms {
			mj.Glossary = append(mj.Glossary, termJSON{Term: t.EN, Translation: t.Required(), Note: t.Note})
		}
		for _, sg := range m.Suggestions {
			// The document as the API names documents: its key.
			from := strings.TrimPrefix(sg.Doc, st.content+"/")
			from = strings.TrimSuffix(from, path.Ext(from))
			mj.Suggestions = append(mj.Suggestions, suggestionJSON{Text: sg.Target, Score: sg.Score, Source: from, English: sg.Source})
		}
		if m.Res.Verdict == resolve.Rejected {
			mj.State = "rejected" // the build shows the English instead
		}
		out.Messages = append(out.Messages, mj)
	}
	c := msgedit.Count(msgs)
	out.Progress = progressJSON{Total: c.Total, Translated: c.Translated, Reviewed: c.Reviewed, Fuzzy: c.Fuzzy,
		Machine: c.Machine, Aligned: c.Aligned, Rejected: c.Rejected, Untranslated: c.Missing}
	writeJSON(w, http.StatusOK, out)
}

// readBody decodes a request's JSON, refusing what is not one object of
// known fields (see strictJSON).
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: fmt.Sprintf("the request body is over %d bytes", maxBody)})
		return false
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "bad request body: " + err.Error()})
		return false
	}
	if err := strictJSON(data, v); err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "bad JSON: " + err.Error()})
		return false
	}
	return true
}

func (s *Server) apiPut(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	doc, id, ok := target(r, "", true)
	src, ok := s.source(w, r, st, doc, ok)
	if !ok {
		return
	}
	var body struct {
		Text    string `json:"text"`
		State   string `json:"state"`
		Version string `json:"version"`
	}
	if !readBody(w, r, &body) {
		return
	}
	if strings.TrimSpace(body.Text) == "" {
		// Whitespace alone is no translation (catalog.Message.Translated).
		body.Text = ""
	}
	if body.Version == "" {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "a save names the version of the message it changes"})
		return
	}
	var state catalog.State
	switch {
	case body.State == "" && body.Text == "":
		state = catalog.Untranslated
	case body.State == "" || body.State == "translated":
		state = catalog.Translated
	case body.State == "reviewed":
		state = catalog.Reviewed
	default:
		writeJSON(w, http.StatusBadRequest, errorBody{Error: `state must be "translated", "reviewed" or ""`})
		return
	}
	if body.Text == "" && state != catalog.Untranslated {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "an empty translation is untranslated"})
		return
	}
	s.writeMu.Lock()
	version, probs, err := st.p.SetMessage(src, r.PathValue("locale"), id, body.Text, state, body.Version)
	s.writeMu.Unlock()
	if err != nil {
		s.apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "version": version, "state": stateName(body.Text, state), "problems": problems(probs)})
}

func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	if !strings.HasSuffix(r.URL.EscapedPath(), "/check") {
		// A message is read with its document and written with PUT.
		w.Header().Set("Allow", "PUT")
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: "a message is saved with PUT; POST is for …/check"})
		return
	}
	doc, id, ok := target(r, "/check", true)
	src, ok := s.source(w, r, st, doc, ok)
	if !ok {
		return
	}
	var body struct {
		Text string `json:"text"`
	}
	if !readBody(w, r, &body) {
		return
	}
	probs, err := st.p.CheckDraft(src, r.PathValue("locale"), id, body.Text)
	if err != nil {
		s.apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"problems": problems(probs)})
}
