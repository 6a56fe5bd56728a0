// Package syncer keeps a project's message files in step with its
// documents: it splits every document, offers translation memory and the
// glossary beside each message, and writes the files all or nothing.
package syncer

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/parallel"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Options tune Sync.
type Options struct {
	DryRun bool      // report what would change, write nothing
	Log    io.Writer // one line per changed file
	// Force syncs every document, whatever the cache says: it undoes
	// hand edits of the source locale's message files, which the cache
	// does not look into (see cache.Sync).
	Force bool
	// Progress, when set, is called as documents are synced (from several
	// goroutines).
	Progress func(done, total int)
}

// Result sums up a sync.
type Result struct {
	Documents int
	// Synced counts the documents synced this time: after an edit of
	// content alone, only the edited ones.
	Synced  int
	Changed []string // files written or removed (or that would be, with DryRun)
	Report  catalog.Report
}

// MinFuzzyScore is the similarity from which translation memory shows a
// suggestion beside an untranslated message.
const MinFuzzyScore = 0.75

// Sync splits every document and brings the message files of the source
// locale and of every target locale in step with it. All files are read
// and checked before any is written: one bad file stops the run and leaves
// every file as it was.
//
// It streams: translation memory must be whole before any document syncs,
// since any document may reuse another's translation, so a first pass
// reads every document's message files for memory alone, and a second
// syncs the documents one by one on every core, each dropped once its
// files are staged. Memory holds the translation memory and a few numbers
// per document, never the documents.
func Sync(t *tree.Tree, opt Options) (*Result, error) {
	if !opt.DryRun {
		l, err := t.Lock()
		if err != nil {
			return nil, err
		}
		defer l.Release()
		// A sync killed half way may have left new message files half
		// written; its journal names them.
		if err := fsutil.Recover(t.Abs(Journal), t.OwnedBy(t.Config.LocalesDir)); err != nil {
			return nil, fmt.Errorf("removing the files of a sync that did not finish: %w", err)
		}
		// One killed before its commit leaves its staged files too.
		if l.TookOver {
			if err := fsutil.RemoveTemp(t.Abs(t.Config.LocalesDir)); err != nil {
				return nil, err
			}
		}
	}
	if err := t.CheckLocaleFolders(); err != nil {
		return nil, err
	}
	// The cache is read, and the folders it names listed, while the
	// documents are listed.
	opened := make(chan *cache.Sync, 1)
	go func() { opened <- cache.OpenSync(t, !opt.Force) }()
	sources, err := t.List()
	c := <-opened
	if err == nil && !c.SameDocuments(sources) {
		// The same documents as at the last sync share no message files.
		err = t.SharedStems(sources)
	}
	if err != nil {
		return nil, err
	}
	scan := cache.ScanSync(t, sources, c.Ahead)

	todo, cached := c.Plan(sources, scan, opt.DryRun)
	incremental := cached != nil
	r := newDocRun(t, sources, t.Config.Locales, scan)
	env, oerr := &Env{}, error(nil) // nothing to sync, nothing to offer
	if len(todo) > 0 {
		if env, oerr = r.newEnv(false, !incremental, cached); env == nil {
			return nil, oerr
		}
	}

	res := &Result{Documents: len(sources), Synced: len(todo)}
	st := newStager(t, opt.DryRun)
	// A run that found a problem goes on only to check the other
	// documents, so all problems are reported at once.
	check := r.hasFailed() || oerr != nil
	opts := make([]catalog.Options, len(r.locales))
	for k, locale := range r.locales {
		opts[k] = env.Options(locale)
	}
	var mu sync.Mutex
	var done atomic.Int64
	var moved atomic.Bool
	total := len(todo)
	syncDocs := func(docs []int) {
		parallel.Each(len(docs), func(j int) {
			i := docs[j]
			e, rep := r.syncDoc(i, opts, st, check)
			if opt.Progress != nil {
				opt.Progress(int(done.Add(1)), total)
			}
			if e == nil {
				return
			}
			if incremental && !sameEntries(c.Docs[i].Entries, e.Entries) {
				moved.Store(true)
			}
			c.Docs[i] = *e // each document's own slot
			mu.Lock()
			defer mu.Unlock()
			addReport(&res.Report, rep)
		})
	}
	syncDocs(todo)
	if moved.Load() {
		// The edits changed what translation memory holds (a translated
		// paragraph edited is fuzzy, and offered no more), so what it
		// offers the other documents: they are synced too, with the
		// memory at hand, which is right for all.
		rest := others(todo, len(sources))
		total = len(sources)
		syncDocs(rest)
		todo = append(todo, rest...)
		res.Synced = len(todo)
	}
	if err := r.err(oerr); err != nil {
		st.batch.Abort()
		return nil, err
	}
	if incremental {
		// The documents skipped keep every message, as a full sync
		// would report them.
		synced := make([]bool, len(sources))
		for _, i := range todo {
			synced[i] = true
		}
		for i := range sources {
			if !synced[i] {
				res.Report.Kept += c.Docs[i].Messages
			}
		}
	}
	for _, o := range env.orphans {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "%s: its document is gone; kept, and its translations are offered to the others\n", o.Path)
		}
	}
	if err := st.finish(res, opt.Log); err != nil || opt.DryRun {
		return res, err
	}

	if !incremental {
		c.Orphans = len(env.orphans)
	}
	return res, c.Record(scan, todo)
}

// syncDoc is the second pass of a sync for document i: it syncs the
// document's message file of every target locale, and its source message
// file, and stages them. It returns the document's cache entry, nil if the
// document or a file is bad, or with check set.
func (r *docRun) syncDoc(i int, opts []catalog.Options, st *stager, check bool) (*cache.SyncEntry, catalog.Report) {
	var sum catalog.Report
	doc := r.load(i)
	if doc == nil || check {
		return nil, sum
	}
	old, obs, ok := r.readFiles(i)
	if !ok {
		return nil, sum
	}
	t, s := r.t, r.sources[i]
	e := &cache.SyncEntry{Rel: s.Rel, Inputs: *r.scan.Input(i), Entries: make([][]tm.Entry, len(r.locales))}
	for k, locale := range r.locales {
		tPath, oPath := t.MessagePath(locale, s), t.ObsoletePath(locale, s)
		f, kept, changed, rep := settle(doc, old[k], obs[k], tPath, locale, opts[k])
		e.Entries[k] = docEntries(doc, f, kept)
		e.Messages += len(f.Messages)
		if st.add(tPath, catalog.Format(f)) {
			e.Write(k, false)
		}
		switch {
		case changed && len(kept.Messages) == 0:
			// Every obsolete message came back: a file of headers only
			// would be clutter.
			if st.remove(oPath) {
				e.Write(k, true)
			}
		case changed && st.add(oPath, catalog.Format(kept)):
			e.Write(k, true)
		}
		addReport(&sum, rep)
	}
	srcPath := t.MessagePath(t.Config.SourceLocale, s)
	st.add(srcPath, catalog.Format(catalog.SourceFile(doc, srcPath, t.Config.SourceLocale)))
	if cache.Empty(e.Entries) {
		e.Entries = nil
	}
	return e, sum
}

// settle syncs a document's message file old and obsolete file obs of one
// locale: f is the new message file, kept the new obsolete file (changed
// set when it is to be written, else obs as it was).
//
// Translation memory is taken from what settle returns, not from the files
// as they are (see docRun.entries): what a message gives memory depends on
// the document and its own files alone (a translation filled from memory
// gives nothing until reviewed), so memory is then the same before the
// files are written and after, and a second sync writes what the first
// wrote.
func settle(doc *pipeline.Document, old, obs *catalog.File, path, locale string, opt catalog.Options) (f, kept *catalog.File, changed bool, rep catalog.Report) {
	f, gone, rep := catalog.Sync(doc, WithObsolete(old, obs), path, locale, opt)
	if o := keepObsolete(obs, gone, f); o != nil {
		return f, o, true, rep
	}
	return f, obs, false, rep
}

// others lists the documents of n not in docs (sorted).
func others(docs []int, n int) []int {
	in := make([]bool, n)
	for _, i := range docs {
		in[i] = true
	}
	var out []int
	for i := range n {
		if !in[i] {
			out = append(out, i)
		}
	}
	return out
}

// sameEntries reports whether two documents' contributions to translation
// memory are the same.
func sameEntries(a, b [][]tm.Entry) bool {
	if cache.Empty(a) || cache.Empty(b) {
		return cache.Empty(a) && cache.Empty(b)
	}
	return slices.EqualFunc(a, b, func(x, y []tm.Entry) bool {
		return slices.EqualFunc(x, y, func(e, f tm.Entry) bool {
			return e.Source == f.Source && e.Target == f.Target && e.Doc == f.Doc && e.ID == f.ID &&
				e.Reviewed == f.Reviewed && slices.Equal(e.Placeholders, f.Placeholders)
		})
	})
}

func addReport(sum *catalog.Report, r catalog.Report) {
	sum.Added += r.Added
	sum.Kept += r.Kept
	sum.Stale += r.Stale
	sum.Obsolete += r.Obsolete
	sum.Reused += r.Reused
}

// Options are the catalog.Sync options of a locale. Every tool that
// rewrites message files uses them, so files come out the same whoever
// wrote them.
func (e *Env) Options(locale string) catalog.Options {
	mem, suggest := e.mems[locale], e.suggest[locale]
	return catalog.Options{
		Annotate: func(seg *pipeline.Segment, m *catalog.Message) []string {
			var notes []string
			if note := e.gl.Note(placeholder.Strip(seg.Text)); note != "" {
				notes = append(notes, note)
			}
			if m.Other == "" && suggest != nil {
				notes = append(notes, suggest(seg.Text)...)
			}
			return notes
		},
		Reuse: func(seg *pipeline.Segment) (string, string, bool) {
			if mem == nil {
				return "", "", false
			}
			e, ok := mem.Exact(seg.Text)
			return e.Target, e.Doc, ok
		},
	}
}

// suggestions returns the translation memory notes for an untranslated
// text, remembered per text: the same sentence recurs across documents.
// What is remembered is bounded, so it does not grow with the documents:
// two generations of texts, the older dropped when the newer is full, so
// the texts that keep coming back stay.
func suggestions(mem *tm.Memory) func(text string) []string {
	const generation = 1 << 12
	var mu sync.Mutex
	recent, older := map[string][]string{}, map[string][]string{}
	remember := func(text string, notes []string) {
		if len(recent) >= generation {
			recent, older = make(map[string][]string, generation), recent
		}
		recent[text] = notes
	}
	return func(text string) []string {
		mu.Lock()
		notes, ok := recent[text]
		if !ok {
			if notes, ok = older[text]; ok {
				remember(text, notes)
			}
		}
		mu.Unlock()
		if ok {
			return notes
		}
		for _, match := range mem.Fuzzy(text, MinFuzzyScore, 3) {
			notes = append(notes, fmt.Sprintf("tm %.0f%% (%s): %s\n→ %s", match.Score*100, match.Doc, match.Source, match.Target))
		}
		mu.Lock()
		remember(text, notes)
		mu.Unlock()
		return notes
	}
}

// stager stages message files as sync makes them, all or nothing: they
// hold translators' work, so they go through a durable batch. Staging each
// file at once, rather than holding every file's bytes until the end, keeps
// memory flat on large trees.
type stager struct {
	t       *tree.Tree
	dry     bool
	batch   *fsutil.Batch
	mu      sync.Mutex
	changed []string
	removed []string // files to delete once the batch is in place
	errs    []error
}

func newStager(t *tree.Tree, dry bool) *stager {
	// changed is a list even when empty, as --json shows it.
	st := &stager{t: t, dry: dry, batch: fsutil.NewBatch(true), changed: []string{}}
	// New message files are created in place, journaled (see
	// fsutil.Batch.Journal); the ones that exist are replaced atomically.
	st.batch.Journal(t.Abs(Journal))
	return st
}

// Journal lists the message files a sync (or an import) is creating.
const Journal = config.CacheDir + "/sync.journal"

// add stages a file, or with dry set only tells whether it would change,
// and reports whether it does. It is safe for concurrent use.
func (st *stager) add(path string, data []byte) bool {
	var changed bool
	name, err := st.t.Path(path)
	switch {
	case err != nil:
	case st.dry:
		changed = !fsutil.Same(name, data)
	default:
		changed, err = st.batch.Add(name, data)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if err != nil {
		st.errs = tree.WriteError(st.errs, path, err)
	} else if changed {
		st.changed = append(st.changed, path)
	}
	return changed
}

// finish reports the changed files, in order, and moves them into place.
func (st *stager) finish(res *Result, log io.Writer) error {
	if err := errors.Join(st.errs...); err != nil {
		st.batch.Abort()
		return err
	}
	sort.Strings(st.changed)
	sort.Strings(st.removed)
	if log != nil {
		write, remove := "write", "remove"
		if st.dry {
			write, remove = "would write", "would remove"
		}
		for _, path := range st.changed {
			fmt.Fprintf(log, "%s %s\n", write, path)
		}
		for _, path := range st.removed {
			fmt.Fprintf(log, "%s %s\n", remove, path)
		}
	}
	res.Changed = append(st.changed, st.removed...)
	sort.Strings(res.Changed)
	if st.dry {
		return nil
	}
	if err := st.batch.Commit(); err != nil {
		return err
	}
	return st.removeAll()
}

// WithObsolete adds the obsolete messages of a document to the candidates a
// sync matches segments against, so a paragraph that comes back gets its
// translation back.
func WithObsolete(f, obs *catalog.File) *catalog.File {
	if obs == nil {
		return f
	}
	merged := &catalog.File{}
	if f != nil {
		merged.Path, merged.Locale = f.Path, f.Locale
		merged.Messages = append(merged.Messages, f.Messages...)
	}
	have := merged.Index()
	for _, m := range obs.Messages {
		if have[m.ID] == nil {
			merged.Messages = append(merged.Messages, m)
		}
	}
	return merged
}

// keepObsolete returns the new obsolete file: what it held, less what came
// back into the document, plus what just left it. Nil means no change.
func keepObsolete(obs *catalog.File, gone []*catalog.Message, current *catalog.File) *catalog.File {
	if obs == nil && len(gone) == 0 {
		return nil
	}
	out := &catalog.File{Doc: current.Doc, Header: []string{
		"quipu: translations of segments that left the document, kept for reuse.",
		"sync gives one back when its segment returns; delete what you no longer need.",
	}}
	live := current.Index()
	seen := map[string]bool{}
	add := func(m *catalog.Message) {
		if live[m.ID] != nil || seen[m.ID] {
			return
		}
		seen[m.ID] = true
		c := *m
		c.Notes = nil
		if c.Source != "" {
			// Continuation lines indented, as catalog writes the English
			// beside a message, so the whole English reads back.
			c.Notes = []string{"en: " + strings.ReplaceAll(c.Source, "\n", "\n    ")}
		}
		out.Messages = append(out.Messages, &c)
	}
	for _, m := range gone {
		add(m)
	}
	if obs != nil {
		for _, m := range obs.Messages {
			add(m)
		}
	}
	sort.Slice(out.Messages, func(i, j int) bool { return out.Messages[i].ID < out.Messages[j].ID })
	return out
}
