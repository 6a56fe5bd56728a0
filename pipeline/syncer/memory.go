package syncer

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/parallel"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// docRun reads documents and their message files for the passes of a
// sync, keeping the problems of each document apart so that all are
// reported together, as one list, at the end.
type docRun struct {
	t       *tree.Tree
	sources []tree.Source
	locales []string    // the target locales whose files are read
	scan    *cache.Scan // when set, files it found absent are not read
	// settle makes translation memory what the files give once synced,
	// rather than as they are: see settle.
	settle bool

	mu     sync.Mutex
	errs   map[int][]error
	failed bool
}

func newDocRun(t *tree.Tree, sources []tree.Source, locales []string, scan *cache.Scan) *docRun {
	return &docRun{t: t, sources: sources, locales: locales, scan: scan, errs: map[int][]error{}}
}

// fail records problems of document i; a document that cannot be read
// replaces them all (its message files are not checked against it).
func (r *docRun) fail(i int, err error, document bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if document {
		r.errs[i] = nil
	}
	r.errs[i] = append(r.errs[i], err)
	r.failed = true
}

// hasFailed reports whether any problem was found so far.
func (r *docRun) hasFailed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

// err lists every problem found, in document order before sorting.
func (r *docRun) err(more ...error) error {
	var all pipeline.ErrorList
	for i := range r.sources {
		for _, err := range r.errs[i] {
			all.Add(err)
		}
	}
	for _, err := range more {
		if err != nil {
			all.Add(err)
		}
	}
	return all.Err()
}

// load reads and splits document i.
func (r *docRun) load(i int) *pipeline.Document {
	doc, err := r.t.Load(r.sources[i])
	if err != nil {
		r.fail(i, err, true)
		return nil
	}
	return doc
}

// readFiles reads the message files and obsolete files of document i, per
// target locale (nil where there is none); ok is false if one is bad.
func (r *docRun) readFiles(i int) (old, obs []*catalog.File, ok bool) {
	s := r.sources[i]
	old, obs = make([]*catalog.File, len(r.locales)), make([]*catalog.File, len(r.locales))
	ok = true
	for k, locale := range r.locales {
		var err error
		if r.scan == nil || r.scan.Has(i, k, false) {
			if old[k], err = r.t.ReadMessages(r.t.MessagePath(locale, s)); err != nil {
				r.fail(i, err, false)
				ok = false
			}
		}
		if r.scan == nil || r.scan.Has(i, k, true) {
			if obs[k], err = r.t.ReadMessages(r.t.ObsoletePath(locale, s)); err != nil {
				r.fail(i, err, false)
				ok = false
			}
		}
	}
	return old, obs, ok
}

// memories is the first pass of a sync: it reads every document's message
// files and obsolete files, per target locale, for what they give
// translation memory, and drops them. A document is split only if its
// files hold a translation memory can use (memory takes the segment's text
// over the file's), or with checkAll, to report the documents that cannot
// be. cached, when set, gives the entries of the documents it knows
// without reading their files.
//
// Entries go into memory in document order, whatever order the cores read
// them in: what a lookup returns never depends on timing.
func (r *docRun) memories(checkAll bool, cached func(i int) ([][]tm.Entry, bool)) []*tm.Memory {
	mems := make([]*tm.Memory, len(r.locales))
	for k := range mems {
		mems[k] = tm.New()
	}
	window := 64 * runtime.GOMAXPROCS(0)
	got := make([][][]tm.Entry, window)
	for start := 0; start < len(r.sources); start += window {
		n := min(window, len(r.sources)-start)
		parallel.Each(n, func(j int) {
			i := start + j
			got[j] = nil
			if cached != nil {
				if ents, ok := cached(i); ok {
					got[j] = ents
					return
				}
			}
			got[j] = r.entries(i, checkAll)
		})
		for j := range n {
			for k, ents := range got[j] {
				for _, e := range ents {
					mems[k].Add(e)
				}
			}
			got[j] = nil
		}
	}
	return mems
}

// entries reads what document i's files give translation memory.
func (r *docRun) entries(i int, checkAll bool) [][]tm.Entry {
	old, obs, ok := r.readFiles(i)
	if !ok || !checkAll && !usable(old) && !usable(obs) {
		return nil
	}
	doc := r.load(i)
	if doc == nil {
		return nil
	}
	ents := make([][]tm.Entry, len(r.locales))
	for k, locale := range r.locales {
		if !r.settle {
			ents[k] = docEntries(doc, old[k], obs[k])
			continue
		}
		// What the files will hold once synced: see settle.
		f, kept, _, _ := settle(doc, old[k], obs[k], r.t.MessagePath(locale, r.sources[i]), locale, catalog.Options{})
		ents[k] = docEntries(doc, f, kept)
	}
	return ents
}

// usable reports whether any of the files holds a translation for memory.
func usable(files []*catalog.File) bool {
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, m := range f.Messages {
			if forMemory(m) {
				return true
			}
		}
	}
	return false
}

// forMemory reports whether a message's translation feeds translation
// memory: copies from memory feed it once reviewed, and neither a
// translation whose English changed nor a draft (a machine's) does.
func forMemory(m *catalog.Message) bool {
	return m.Translated() && m.State != catalog.Stale && !catalog.Draft(m.State) && (m.State == catalog.Reviewed || !catalog.FromMemory(m))
}

// docEntries is what a document's message file and obsolete file give
// translation memory.
func docEntries(doc *pipeline.Document, files ...*catalog.File) []tm.Entry {
	var segs map[string]*pipeline.Segment
	var out []tm.Entry
	for _, f := range files {
		if f == nil {
			continue
		}
		if segs == nil {
			segs = make(map[string]*pipeline.Segment, len(doc.Segments))
			for _, seg := range doc.Segments {
				segs[seg.ID] = seg
			}
		}
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
		if !forMemory(m) {
			continue
		}
		e := tm.Entry{Source: m.Source, Target: m.Other, Doc: doc, ID: m.ID, Reviewed: m.State == catalog.Reviewed}
		if seg := segs[m.ID]; seg != nil {
			e.Source, e.Placeholders = seg.Text, seg.Placeholders
		}
		out = append(out, e)
	}
	return out
}

// Env is what a sync offers translators beside each message: the
// glossary, and per locale the translation memory of the whole project.
type Env struct {
	gl      *glossary.Glossary
	orphans []*catalog.File
	mems    map[string]*tm.Memory
	suggest map[string]func(string) []string
}

// newEnv reads the glossary and the translation memory of every
// target locale: from every document's files (cached ones from the cache),
// and, with orphans, from the message files whose document is gone.
func (r *docRun) newEnv(checkAll, orphans bool, cached func(i int) ([][]tm.Entry, bool)) (*Env, error) {
	t := r.t
	gl, err := t.Glossary()
	if err != nil {
		return nil, err
	}
	env := &Env{gl: gl, mems: map[string]*tm.Memory{}, suggest: map[string]func(string) []string{}}
	r.settle = true
	mems := r.memories(checkAll, cached)
	var oerr error
	if orphans {
		env.orphans, oerr = orphanFiles(t, r.sources)
	}
	for k, locale := range r.locales {
		mem := mems[k]
		for _, o := range env.orphans {
			if o.Locale == locale {
				addFile(mem, o, o.Path, nil)
			}
		}
		env.mems[locale] = mem
		env.suggest[locale] = suggestions(mem)
	}
	return env, oerr
}

// NewEnv reads what a sync offers translators, for tools other than sync
// that rewrite message files, so their files come out as sync's would.
func NewEnv(t *tree.Tree) (*Env, error) {
	sources, err := t.Sources()
	if err != nil {
		return nil, err
	}
	r := newDocRun(t, sources, t.Config.Locales, nil)
	env, err := r.newEnv(true, true, nil)
	if env == nil {
		return nil, err
	}
	if err := r.err(err); err != nil {
		return nil, err
	}
	return env, nil
}

// Memory returns the translation memory of a locale: every usable
// translation in the project, obsolete ones included.
func Memory(t *tree.Tree, locale string) (*tm.Memory, error) {
	sources, err := t.Sources()
	if err != nil {
		return nil, err
	}
	r := newDocRun(t, sources, []string{locale}, nil)
	mems := r.memories(true, nil)
	if err := r.err(); err != nil {
		return nil, err
	}
	return mems[0], nil
}

// orphanFiles finds the message files of target locales whose document is
// gone (renamed or deleted). They are never deleted: their translations
// feed translation memory, so a renamed document gets them back.
func orphanFiles(t *tree.Tree, sources []tree.Source) ([]*catalog.File, error) {
	var out []*catalog.File
	var errs pipeline.ErrorList
	for _, locale := range t.Config.Locales {
		known := make(map[string]bool, 2*len(sources))
		for _, s := range sources {
			known[t.MessagePath(locale, s)] = true
			known[t.ObsoletePath(locale, s)] = true
		}
		dir := path.Join(t.Config.LocalesDir, locale)
		suffix := "." + locale + ".toml"
		err := filepath.WalkDir(t.Abs(dir), func(file string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(d.Name(), suffix) {
				return nil
			}
			rel, err := filepath.Rel(t.Root, file)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if known[rel] {
				return nil
			}
			f, err := t.ReadMessages(rel)
			if err != nil {
				errs.Add(err)
				return nil
			}
			f.Locale = locale
			out = append(out, f)
			return nil
		})
		if err != nil {
			errs.Add(err)
		}
	}
	return out, errs.Err()
}
