// Package msgedit is one document's messages in a locale as a translator
// edits them one at a time: each with what quipu check finds in it, a
// draft checked before it is saved, and one message saved under the
// project's lock.
package msgedit

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/qa"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Message is one message of a document in a locale as a translator works
// on it: its segment, its translation on disk and what check finds in it.
type Message struct {
	ID       string // as the message file writes it
	Source   string // the English, with quipu's tags
	Text     string // the translation ("" when none)
	State    catalog.State
	Kind     pipeline.Kind
	Version  string // catalog.Version of the message on disk
	Previous string // the old English of a fuzzy message
	Position pipeline.Position
	Problems []pipeline.Problem
	Terms    []*glossary.Term
	// Tags says what each tag of Source stands for, by its number less
	// one: "emphasis", "code", "link https://…".
	Tags []string
	// Suggestions are translation memory matches of the English.
	Suggestions []tm.Match
	// Res is what the page shows for the message, through the locale's
	// fallback chain, as status counts it (see Count).
	Res resolve.Resolution
}

// Count counts a document's messages (as Messages lists them) as status
// counts them: by resolve's verdicts, one rule for every count.
func Count(msgs []Message) resolve.Counts {
	segs := make([]*pipeline.Segment, len(msgs))
	res := make([]resolve.Resolution, len(msgs))
	for i := range msgs {
		segs[i], res[i] = &pipeline.Segment{ID: msgs[i].ID, Text: msgs[i].Source}, msgs[i].Res
	}
	return resolve.Count(segs, res)
}

// Editor edits the messages of a project's documents, finding in each
// translation what Checks (quipu check's list) find.
type Editor struct {
	*tree.Tree
	Checks []qa.Func
}

// docMessages is a document with its message file in one target locale.
type docMessages struct {
	doc  *pipeline.Document
	file *catalog.File // nil when the document has none yet
	path string
	gl   *glossary.Glossary
}

func (p *Editor) readDocMessages(s tree.Source, locale string) (*docMessages, error) {
	if !slices.Contains(p.Config.Runnable(true), locale) {
		return nil, fs.ErrNotExist
	}
	doc, err := p.Load(s)
	if err != nil {
		return nil, err
	}
	dm := &docMessages{doc: doc, path: p.MessagePath(locale, s)}
	if dm.file, err = p.ReadMessages(dm.path); err != nil {
		return nil, err
	}
	if dm.gl, err = p.Glossary(); err != nil {
		return nil, err
	}
	return dm, nil
}

// problems resolves the document with its messages in file (the file on
// disk, or one with a draft in it) as check does, and returns what check
// reports of each message, by segment index.
func (p *Editor) problems(dm *docMessages, s tree.Source, locale string, file *catalog.File, only int) map[int][]pipeline.Problem {
	out := map[int][]pipeline.Problem{}
	if file == nil {
		return out
	}
	rd := localized.Resolve(p.Tree, dm.doc, s, locale, map[string]*catalog.File{locale: file}, localized.EveryDraft)
	lost := map[*pipeline.Segment]pipeline.Problem{}
	for _, l := range rd.LosesMarkup(dm.doc) {
		lost[l.Segment] = l.Problem
	}
	idx := file.Index()
	for i, seg := range dm.doc.Segments {
		if only >= 0 && i != only {
			continue
		}
		if m := idx[seg.ID]; m != nil && m.Translated() {
			out[i] = Problems(p.Checks, p.Formats.For(dm.doc.Path), dm.doc, &rd, i, m, locale, dm.gl, lost)
		}
	}
	return out
}

// Messages lists a document's messages in a target locale in document
// order, one per segment ID; mem, when set, gives suggestions. An unknown
// locale is fs.ErrNotExist.
func (p *Editor) Messages(s tree.Source, locale string, mem *tm.Memory) ([]Message, error) {
	dm, err := p.readDocMessages(s, locale)
	if err != nil {
		return nil, err
	}
	var idx map[string]*catalog.Message
	if dm.file != nil {
		idx = dm.file.Index()
	}
	probs := p.problems(dm, s, locale, dm.file, -1)
	files := map[string]*catalog.File{locale: dm.file}
	if err := localized.ReadChain(p.Tree, s, []string{locale}, files); err != nil {
		return nil, err
	}
	// A verdict does not depend on which drafts are published.
	rd := localized.Resolve(p.Tree, dm.doc, s, locale, files, resolve.Options{})
	var out []Message
	seen := map[string]bool{}
	for i, seg := range dm.doc.Segments {
		if seen[seg.ID] {
			continue
		}
		seen[seg.ID] = true
		m := idx[seg.ID]
		msg := Message{
			ID:       catalog.FileID(dm.doc.Key, seg.ID),
			Source:   seg.Text,
			Kind:     seg.Kind,
			Version:  catalog.Version(m),
			Position: pipeline.Position{File: p.ContentPath(s), Line: seg.Line, Col: seg.Col},
			Problems: probs[i],
			Terms:    dm.gl.In(placeholder.Strip(seg.Text)),
			Res:      *rd.Of(seg),
		}
		for _, ph := range seg.Placeholders {
			msg.Tags = append(msg.Tags, ph.Label)
		}
		if m != nil {
			msg.ID, msg.Text, msg.State, msg.Previous = dm.file.WrittenID(m), m.Other, m.State, m.Previous
		}
		if mem != nil {
			msg.Suggestions = mem.Fuzzy(seg.Text, syncer.MinFuzzyScore, 3)
			// A fuzzy lookup skips identical English; a translator wants
			// that 100% match first, unless it is this message's own words.
			if e, ok := mem.Exact(seg.Text); ok && e.Target != msg.Text {
				msg.Suggestions = append([]tm.Match{{Entry: e, Score: 1}}, msg.Suggestions...)
			}
		}
		out = append(out, msg)
	}
	return out, nil
}

// segmentOf finds the segment of a message written as id; -1 for none.
func segmentOf(doc *pipeline.Document, id string) int {
	key, local := catalog.SplitID(id)
	if key != "" && key != doc.Key {
		return -1
	}
	return slices.IndexFunc(doc.Segments, func(seg *pipeline.Segment) bool { return seg.ID == local })
}

// withDraft is file with the message of segment seg translated as text.
func withDraft(file *catalog.File, seg *pipeline.Segment, text string) *catalog.File {
	draft := &catalog.File{}
	if file != nil {
		*draft = *file
	}
	draft.Messages = nil
	found := false
	if file != nil {
		for _, m := range file.Messages {
			if m.ID == seg.ID {
				c := *m
				c.Other, c.State = text, catalog.Translated
				m, found = &c, true
			}
			draft.Messages = append(draft.Messages, m)
		}
	}
	if !found {
		draft.Messages = append(draft.Messages, &catalog.Message{ID: seg.ID, Other: text, State: catalog.Translated})
	}
	return draft
}

// CheckDraft is what check would report of the message written as id if
// its translation were text. An unknown locale or message is
// fs.ErrNotExist.
func (p *Editor) CheckDraft(s tree.Source, locale, id, text string) ([]pipeline.Problem, error) {
	dm, err := p.readDocMessages(s, locale)
	if err != nil {
		return nil, err
	}
	i := segmentOf(dm.doc, id)
	if i < 0 {
		return nil, fs.ErrNotExist
	}
	if text == "" {
		return nil, nil
	}
	return p.problems(dm, s, locale, withDraft(dm.file, dm.doc.Segments[i], text), i)[i], nil
}

// StaleError is an edit of a message that changed since it was read.
type StaleError struct{ Current string }

func (e *StaleError) Error() string {
	return "the message changed since it was read (version " + e.Current + ")"
}

// MarkupError is a translation that breaks its segment's markup: a tag
// dropped, added or malformed, or markup the page could not show.
type MarkupError struct{ Problems []pipeline.Problem }

func (e *MarkupError) Error() string { return "the translation breaks the markup" }

// breaksMarkup reports the problems that keep a translation out of the
// message file: errors of its tags and markup, and a tag dropped even
// where check only warns of it (an emphasis lost in a file edited by
// hand is the editor's call; typed in the workbench, a slip). A URL
// changed or a term translated that must stay is saved, and shown, for
// the translator to fix.
func breaksMarkup(probs []pipeline.Problem) bool {
	for _, pr := range probs {
		if pr.Code == placeholder.CodeMissing {
			return true
		}
		if pr.Severity == pipeline.SeverityError && pr.Code != "url" && pr.Code != "do-not-translate" {
			return true
		}
	}
	return false
}

// beforeReread runs as SetMessage reads the file again to write it; tests
// edit the file there.
var beforeReread = func() {}

// SetMessage writes one message of a document's file in a target locale:
// its translation and state, if the message on disk still has version.
// It goes through the project's lock and the durable write sync uses;
// only the message's "other" value and state line change. It returns the
// new version and the problems check finds in it (warnings; errors that
// break the markup are a *MarkupError, a stale version a *StaleError, an
// unknown locale or message fs.ErrNotExist).
func (p *Editor) SetMessage(s tree.Source, locale, id, text string, state catalog.State, version string) (string, []pipeline.Problem, error) {
	l, err := p.Lock()
	if err != nil {
		return "", nil, err
	}
	defer l.Release()
	dm, err := p.readDocMessages(s, locale)
	if err != nil {
		return "", nil, err
	}
	i := segmentOf(dm.doc, id)
	if i < 0 || dm.file == nil {
		return "", nil, fs.ErrNotExist
	}
	seg := dm.doc.Segments[i]
	m := dm.file.Lookup(seg.ID)
	if m == nil || dm.file.WrittenID(m) != id {
		return "", nil, fs.ErrNotExist
	}
	if cur := catalog.Version(m); cur != version {
		return "", nil, &StaleError{Current: cur}
	}
	var probs []pipeline.Problem
	if text != "" {
		probs = p.problems(dm, s, locale, withDraft(dm.file, seg, text), i)[i]
		if breaksMarkup(probs) {
			return "", probs, &MarkupError{Problems: probs}
		}
	}
	beforeReread()
	data, err := p.WS.ReadFile(dm.path)
	if err != nil {
		return "", nil, err
	}
	// Checking took time: a hand edit of the message since it was read
	// is in these bytes, and must not be overwritten unseen.
	f, err := catalog.Parse(dm.path, data)
	if err != nil {
		return "", nil, err
	}
	if m := f.Lookup(seg.ID); m == nil || f.WrittenID(m) != id {
		return "", nil, fs.ErrNotExist
	} else if cur := catalog.Version(m); cur != version {
		return "", nil, &StaleError{Current: cur}
	}
	out, err := catalog.SetMessage(data, id, text, state)
	if errors.Is(err, catalog.ErrNoMessage) {
		return "", nil, fs.ErrNotExist
	}
	if err != nil {
		return "", nil, err
	}
	name, err := p.Path(dm.path)
	if err != nil {
		return "", nil, err
	}
	if err := fsutil.WriteDurable(name, out); err != nil {
		return "", nil, fmt.Errorf("write %s: %w", dm.path, err)
	}
	return catalog.Version(&catalog.Message{Other: text, State: state}), probs, nil
}
