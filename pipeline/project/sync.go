package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// SyncOptions tune Sync.
type SyncOptions struct {
	DryRun bool      // report what would change, write nothing
	Log    io.Writer // one line per changed file
	// Progress, when set, is called as documents are read and as they
	// are synced (from several goroutines).
	Progress func(done, total int)
}

// SyncResult sums up a sync.
type SyncResult struct {
	Documents int
	// Synced counts the documents synced this time: after an edit of
	// content alone, only the edited ones.
	Synced  int
	Changed []string // files written (or that would be, with DryRun)
	Report  catalog.Report
}

// MinFuzzyScore is the similarity from which translation memory shows a
// suggestion beside an untranslated message.
const MinFuzzyScore = 0.75

// loadedDoc is a document with the message files sync reads for it.
type loadedDoc struct {
	src      Source
	doc      *pipeline.Document
	old, obs map[string]*catalog.File // per target locale
}

// Sync splits every document and brings the message files of the source
// locale and of every target locale in step with it. All files are read
// and checked before any is written: one bad file stops the run and leaves
// every file as it was.
func (p *Project) Sync(opt SyncOptions) (*SyncResult, error) {
	if !opt.DryRun {
		l, err := p.lock()
		if err != nil {
			return nil, err
		}
		defer l.Release()
	}
	if err := p.checkLocaleFolders(); err != nil {
		return nil, err
	}
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	cache := p.openSyncCache()
	inputs := make([][]int64, len(sources))
	parallel(len(sources), func(i int) { inputs[i] = p.syncInputs(sources[i]) })

	// When only documents changed, and no message file, translation memory
	// is what the cache holds: only the changed documents need a sync.
	todo, incremental := cache.changedContent(sources, inputs)
	if !incremental || opt.DryRun {
		todo = sources
	}
	docs, err := p.loadDocs(todo)
	if err != nil {
		return nil, err
	}
	var env *syncEnv
	if incremental && !opt.DryRun {
		env, err = p.cachedSyncEnv(cache, sources, docs)
	} else {
		env, err = p.newSyncEnv(docs)
	}
	if err != nil {
		return nil, err
	}
	res := &SyncResult{Documents: len(sources), Synced: len(docs)}
	st := p.newStager(opt.DryRun)
	for _, o := range env.orphans {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "%s: its document is gone; kept, and its translations are offered to the others\n", o.Path)
		}
	}
	// What each synced document's new files give translation memory, for
	// the cache.
	entries := make([]map[string][]tm.Entry, len(docs))
	for i := range entries {
		entries[i] = map[string][]tm.Entry{}
	}
	var mu sync.Mutex
	var done atomic.Int64
	total := len(docs) * len(p.Config.Locales)
	for _, locale := range p.Config.Locales {
		opts := env.options(locale)
		parallel(len(docs), func(i int) {
			if opt.Progress != nil {
				defer func() { opt.Progress(int(done.Add(1)), total) }()
			}
			d := docs[i]
			tPath, oPath := p.MessagePath(locale, d.src), p.ObsoletePath(locale, d.src)
			old := withObsolete(d.old[locale], d.obs[locale])
			f, gone, rep := catalog.Sync(d.doc, old, tPath, locale, opts)
			target := catalog.Format(f)
			obs := d.obs[locale]
			var obsolete []byte
			if kept := keepObsolete(d.obs[locale], gone, f); kept != nil {
				obsolete = catalog.Format(kept)
				obs = kept
			}
			ents := docEntries(d.doc, f, obs)
			st.add(tPath, target)
			if obsolete != nil {
				st.add(oPath, obsolete)
			}
			mu.Lock()
			defer mu.Unlock()
			entries[i][locale] = ents
			res.Report.Added += rep.Added
			res.Report.Kept += rep.Kept
			res.Report.Stale += rep.Stale
			res.Report.Obsolete += rep.Obsolete
			res.Report.Reused += rep.Reused
		})
	}
	parallel(len(docs), func(i int) {
		srcPath := p.MessagePath(p.Config.SourceLocale, docs[i].src)
		st.add(srcPath, catalog.Format(catalog.SourceFile(docs[i].doc, srcPath, p.Config.SourceLocale)))
	})
	if err := st.finish(res, opt.Log); err != nil || opt.DryRun {
		return res, err
	}
	if !incremental {
		cache.reset(len(env.orphans))
	}
	for i, d := range docs {
		cache.store(d.src.Rel, &syncEntry{Inputs: p.syncInputs(d.src), Entries: entries[i]})
	}
	cache.keep(sources)
	return res, cache.save()
}

// syncEnv is what a sync offers translators beside each message: the
// glossary, and per locale the translation memory of the whole project.
type syncEnv struct {
	gl      *glossary.Glossary
	orphans []*catalog.File
	mems    map[string]*tm.Memory
	suggest map[string]func(string) []string
}

func (p *Project) newSyncEnv(docs []*loadedDoc) (*syncEnv, error) {
	gl, err := glossary.Load(p.abs(p.Config.Glossary))
	if err != nil {
		return nil, err
	}
	orphans, err := p.orphanFiles(docs)
	if err != nil {
		return nil, err
	}
	env := &syncEnv{gl: gl, orphans: orphans, mems: map[string]*tm.Memory{}, suggest: map[string]func(string) []string{}}
	for _, locale := range p.Config.Locales {
		mem := memory(docs, locale)
		for _, o := range orphans {
			if o.Locale == locale {
				addFile(mem, o, o.Path, nil)
			}
		}
		env.mems[locale] = mem
		env.suggest[locale] = suggestions(mem)
	}
	return env, nil
}

// options are the catalog.Sync options of a locale. Every tool that
// rewrites message files uses them, so files come out the same whoever
// wrote them.
func (e *syncEnv) options(locale string) catalog.Options {
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

// syncOptions returns the sync options of a locale for tools other than
// sync, computed once per run.
func (p *Project) syncOptions(locale string) (catalog.Options, error) {
	if p.env == nil {
		docs, err := p.loadForSync()
		if err != nil {
			return catalog.Options{}, err
		}
		if p.env, err = p.newSyncEnv(docs); err != nil {
			return catalog.Options{}, err
		}
	}
	return p.env.options(locale), nil
}

// suggestions returns the translation memory notes for an untranslated
// text, remembered per text: the same sentence recurs across documents.
func suggestions(mem *tm.Memory) func(text string) []string {
	var mu sync.Mutex
	memo := map[string][]string{}
	return func(text string) []string {
		mu.Lock()
		notes, ok := memo[text]
		mu.Unlock()
		if ok {
			return notes
		}
		for _, match := range mem.Fuzzy(text, MinFuzzyScore, 3) {
			notes = append(notes, fmt.Sprintf("tm %.0f%% (%s): %s\n→ %s", match.Score*100, match.Doc, match.Source, match.Target))
		}
		mu.Lock()
		memo[text] = notes
		mu.Unlock()
		return notes
	}
}

// loadForSync reads every document and its message files, reporting every
// problem found.
func (p *Project) loadForSync() ([]*loadedDoc, error) {
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	return p.loadDocs(sources)
}

// loadDocs reads and splits documents with their message files, reporting
// every problem found.
func (p *Project) loadDocs(sources []Source) ([]*loadedDoc, error) {
	docs := make([]*loadedDoc, len(sources))
	errs := make([]errorList, len(sources))
	parallel(len(sources), func(i int) {
		s := sources[i]
		doc, err := p.Load(s)
		if err != nil {
			errs[i].add(err)
			return
		}
		d := &loadedDoc{src: s, doc: doc, old: map[string]*catalog.File{}, obs: map[string]*catalog.File{}}
		for _, locale := range p.Config.Locales {
			if d.old[locale], err = p.readMessages(p.MessagePath(locale, s)); err != nil {
				errs[i].add(err)
			}
			if d.obs[locale], err = p.readMessages(p.ObsoletePath(locale, s)); err != nil {
				errs[i].add(err)
			}
		}
		docs[i] = d
	})
	var all errorList
	loaded := docs[:0]
	for i, d := range docs {
		all.items = append(all.items, errs[i].items...)
		if d != nil {
			loaded = append(loaded, d)
		}
	}
	return loaded, all.err()
}

// memory gathers every usable translation of a locale, from every
// document's message file and obsolete file.
func memory(docs []*loadedDoc, locale string) *tm.Memory {
	mem := tm.New()
	for _, d := range docs {
		for _, e := range docEntries(d.doc, d.old[locale], d.obs[locale]) {
			mem.Add(e)
		}
	}
	return mem
}

// docEntries is what a document's message file and obsolete file give
// translation memory.
func docEntries(doc *pipeline.Document, files ...*catalog.File) []tm.Entry {
	segs := map[string]*pipeline.Segment{}
	for _, seg := range doc.Segments {
		segs[seg.ID] = seg
	}
	var out []tm.Entry
	for _, f := range files {
		out = append(out, fileEntries(f, doc.Path, segs)...)
	}
	return out
}

func addFile(mem *tm.Memory, f *catalog.File, doc string, segs map[string]*pipeline.Segment) {
	for _, e := range fileEntries(f, doc, segs) {
		mem.Add(e)
	}
}

func fileEntries(f *catalog.File, doc string, segs map[string]*pipeline.Segment) []tm.Entry {
	if f == nil {
		return nil
	}
	var out []tm.Entry
	for _, m := range f.Messages {
		if !m.Translated() || m.State == catalog.Stale || m.State != catalog.Reviewed && catalog.FromMemory(m) {
			continue // copies from memory feed it once reviewed
		}
		e := tm.Entry{Source: m.Source, Target: m.Other, Doc: doc, ID: m.ID, Reviewed: m.State == catalog.Reviewed}
		if seg := segs[m.ID]; seg != nil {
			e.Source, e.Placeholders = seg.Text, seg.Placeholders
		}
		out = append(out, e)
	}
	return out
}

// orphanFiles finds the message files of target locales whose document is
// gone (renamed or deleted). They are never deleted: their translations
// feed translation memory, so a renamed document gets them back.
func (p *Project) orphanFiles(docs []*loadedDoc) ([]*catalog.File, error) {
	var out []*catalog.File
	var errs errorList
	for _, locale := range p.Config.Locales {
		known := map[string]bool{}
		for _, d := range docs {
			known[p.MessagePath(locale, d.src)] = true
			known[p.ObsoletePath(locale, d.src)] = true
		}
		dir := path.Join(p.Config.LocalesDir, locale)
		suffix := "." + locale + ".toml"
		err := filepath.WalkDir(p.abs(dir), func(file string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(d.Name(), suffix) {
				return nil
			}
			rel, err := filepath.Rel(p.Root, file)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if known[rel] {
				return nil
			}
			f, err := p.readMessages(rel)
			if err != nil {
				errs.add(err)
				return nil
			}
			f.Locale = locale
			out = append(out, f)
			return nil
		})
		if err != nil {
			errs.add(err)
		}
	}
	return out, errs.err()
}

// stager stages message files as sync makes them, all or nothing: they
// hold translators' work, so they go through a durable batch. Staging each
// file at once, rather than holding every file's bytes until the end, keeps
// memory flat on large trees.
type stager struct {
	p       *Project
	dry     bool
	batch   *fsutil.Batch
	mu      sync.Mutex
	changed []string
	errs    []error
}

func (p *Project) newStager(dry bool) *stager {
	return &stager{p: p, dry: dry, batch: fsutil.NewBatch(true)}
}

// add stages a file, or with dry set only tells whether it would change.
// It is safe for concurrent use.
func (st *stager) add(path string, data []byte) {
	var changed bool
	var err error
	if st.dry {
		changed = !fsutil.Same(st.p.abs(path), data)
	} else {
		changed, err = st.batch.Add(st.p.abs(path), data)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if err != nil {
		st.errs = append(st.errs, fmt.Errorf("write %s: %w", path, err))
	} else if changed {
		st.changed = append(st.changed, path)
	}
}

// finish reports the changed files, in order, and moves them into place.
func (st *stager) finish(res *SyncResult, log io.Writer) error {
	if err := errors.Join(st.errs...); err != nil {
		st.batch.Abort()
		return err
	}
	sort.Strings(st.changed)
	res.Changed = st.changed
	if log != nil {
		verb := "write"
		if st.dry {
			verb = "would write"
		}
		for _, path := range st.changed {
			fmt.Fprintf(log, "%s %s\n", verb, path)
		}
	}
	if st.dry {
		return nil
	}
	return st.batch.Commit()
}

// withObsolete adds the obsolete messages of a document to the candidates a
// sync matches segments against, so a paragraph that comes back gets its
// translation back.
func withObsolete(f, obs *catalog.File) *catalog.File {
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
	out := &catalog.File{Header: []string{
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
			c.Notes = []string{"en: " + c.Source}
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
