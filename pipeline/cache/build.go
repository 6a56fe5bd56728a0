package cache

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/parallel"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Entry holds the stamps of a document's inputs and of its outputs,
// in the order ScanInputs and tree.OutputPaths list them (the paths follow from
// the document's, so they are not stored). A file whose stamp is unchanged
// is taken as unchanged.
type Entry struct {
	Inputs  Inputs
	Outputs []stamp.Stamp
	Report  Report
	// Assets holds the sizes and times of the files the pages reference
	// (the build's assetStats).
	Assets []stamp.Stamp
}

// Report is what building a document found, kept with its entry so that
// a build that skips the document reports the same.
type Report struct {
	Segments     int
	Files        int
	Warnings     []string
	Untranslated []Count // per locale
	From         []Count // per locale and the locale of its chain used
	// Draft is a document whose front matter says draft: true. Left out
	// of a build without --drafts, it has no outputs.
	Draft bool
	// Date is the page date's key (see dates.Pages.CacheKey).
	Date int64
	// Assets are the files under content/ its pages reference, copied
	// beside them (content-relative paths).
	Assets []string
	// Missing are the files its pages reference that are not under
	// content/: the document is built again once one appears.
	Missing []string
	// Built are the files the build wrote for the document, for the
	// list of what builds wrote (Build.Wrote); not kept with the report.
	Built []string
}

// Count is a number of segments in a locale, taken From one locale of
// its chain.
type Count struct {
	Locale, From string
	N            int
}

// Inputs are the stamps of the files a document's build reads.
type Inputs struct {
	Source stamp.Stamp // the document
	// Messages are its message files, one per message locale of the
	// build, in the build's order.
	Messages []stamp.Stamp
}

// Equal reports whether two documents' inputs are the same.
func (in Inputs) Equal(o Inputs) bool {
	return in.Source == o.Source && slices.Equal(in.Messages, o.Messages)
}

// inputsOf reads back what encoder.inputs wrote; none is a damaged entry.
func inputsOf(v []stamp.Stamp) (Inputs, bool) {
	if len(v) == 0 {
		return Inputs{}, false
	}
	in := Inputs{Source: v[0]}
	if len(v) > 1 {
		in.Messages = v[1:]
	}
	return in, true
}

// Build remembers, per document, the Inputs its outputs were built
// from. It is keyed by a fingerprint of everything else a build depends on
// (quipu's version, the page template, the configuration, the locales built,
// strictness), so any change there rebuilds all.
//
// Outputs are checked by their folders first: a file created, removed or
// renamed in a folder changes the folder's modification time, so while an
// output folder's time is the one recorded after the last build, none of
// its pages went missing, and its thousands of files need no look each.
type Build struct {
	root, path  string
	Fingerprint string
	Docs        map[string]*Entry
	// Dirs holds the modification time of each output folder after the
	// last build.
	Dirs map[string]int64
	// Racy lists the folders whose time was read so soon after a change
	// that a later change in the same clock tick could leave it as it was:
	// their files are listed rather than trusted (as git treats a "racily
	// clean" index entry).
	Racy map[string]bool
	// Wrote lists, per document, the outputs builds wrote for it
	// (relative to the project), whatever the fingerprint: when the
	// document is gone, they are removed (the build's removeGone), and nothing
	// else is.
	Wrote map[string][]string
	mu    sync.Mutex
	dirty bool
	// now and names memoize, during a lookup pass, the folders' current
	// times and, for racy folders, the names they hold.
	now, names sync.Map
}

// buildCacheMagic starts the cache file; a file without it, or with
// another version, is ignored.
const buildCacheMagic = "quipu build cache 6\n"

// OpenBuild reads the build cache. force, or another fingerprint, makes
// every document's entry go, but not the list of outputs builds wrote.
func OpenBuild(t *tree.Tree, fingerprint string, force bool) *Build {
	c := &Build{root: t.Root, path: t.Abs(path.Join(config.CacheDir, "build.cache")), Docs: map[string]*Entry{}, Dirs: map[string]int64{}, Racy: map[string]bool{}, Wrote: map[string][]string{}}
	if data, err := t.WS.ReadFile(path.Join(config.CacheDir, "build.cache")); err == nil {
		if old, ok := decodeBuildCache(data); ok {
			c.Wrote = old.Wrote
			if !force && old.Fingerprint == fingerprint {
				c.Docs, c.Dirs, c.Racy = old.Docs, old.Dirs, old.Racy
			}
		}
	}
	if c.Fingerprint != fingerprint {
		c.dirty = true
	}
	c.Fingerprint = fingerprint
	return c
}

func (c *Build) encode() []byte {
	e := &encoder{b: make([]byte, 0, 64+len(c.Docs)*160)}
	e.b = append(e.b, buildCacheMagic...)
	e.str(c.Fingerprint)
	e.times(c.Dirs)
	e.strs(slices.Sorted(maps.Keys(c.Racy)))
	e.uint(uint64(len(c.Docs)))
	for _, rel := range slices.Sorted(maps.Keys(c.Docs)) {
		d := c.Docs[rel]
		e.str(rel)
		e.inputs(d.Inputs)
		e.stamps(d.Outputs)
		r := &d.Report
		e.int(int64(r.Segments))
		e.int(int64(r.Files))
		e.strs(r.Warnings)
		e.counts(r.Untranslated)
		e.counts(r.From)
		e.bool(r.Draft)
		e.int(r.Date)
		e.strs(r.Assets)
		e.stamps(d.Assets)
		e.strs(r.Missing)
	}
	e.uint(uint64(len(c.Wrote)))
	for _, rel := range slices.Sorted(maps.Keys(c.Wrote)) {
		e.str(rel)
		e.strs(c.Wrote[rel])
	}
	return e.b
}

func decodeBuildCache(data []byte) (*Build, bool) {
	if !bytes.HasPrefix(data, []byte(buildCacheMagic)) {
		return nil, false
	}
	d := &decoder{b: data, s: string(data), off: len(buildCacheMagic)}
	c := &Build{Fingerprint: d.str(), Dirs: d.times(), Racy: map[string]bool{}}
	for _, dir := range d.strs() {
		c.Racy[dir] = true
	}
	n := d.count(4)
	c.Docs = make(map[string]*Entry, n)
	for range n {
		rel := d.str()
		in, ok := inputsOf(d.stamps())
		e := &Entry{Inputs: in, Outputs: d.stamps()}
		if !ok {
			d.err = errBadCache
		}
		r := &e.Report
		r.Segments, r.Files = int(d.int()), int(d.int())
		r.Warnings = d.strs()
		r.Untranslated = d.counts()
		r.From = d.counts()
		r.Draft = d.bool()
		r.Date = d.int()
		r.Assets = d.strs()
		e.Assets = d.stamps()
		r.Missing = d.strs()
		if d.err != nil {
			return nil, false
		}
		c.Docs[rel] = e
	}
	n = d.count(2)
	c.Wrote = make(map[string][]string, n)
	for range n {
		rel := d.str()
		c.Wrote[rel] = d.strs()
	}
	if c.Dirs == nil {
		c.Dirs = map[string]int64{}
	}
	return c, d.err == nil && d.off == len(d.b)
}

// Lookup returns the report of a document whose inputs and outputs are as
// they were when it was last built. (An output edited in place is only
// rebuilt with --force.)
func (c *Build) Lookup(rel string, in Inputs, outputs []string) (*Report, bool) {
	c.mu.Lock()
	e := c.Docs[rel]
	c.mu.Unlock()
	if e == nil || !e.Inputs.Equal(in) || len(e.Outputs) != len(outputs) {
		return nil, false
	}
	if c.dirsUnchanged(outputs) {
		return &e.Report, true
	}
	if !slices.Equal(e.Outputs, stamp.Files(c.root, outputs)) {
		return nil, false
	}
	return &e.Report, true
}

// dirsUnchanged reports whether the folders of outputs are as the last
// build left them.
func (c *Build) dirsUnchanged(outputs []string) bool {
	for _, o := range outputs {
		dir := path.Dir(o)
		was, ok := c.Dirs[dir]
		if !ok {
			return false
		}
		now, seen := c.now.Load(dir)
		if !seen {
			now, _ = c.now.LoadOrStore(dir, stamp.FolderTime(c.root, dir))
		}
		if now.(int64) != was || c.Racy[dir] && !c.listed(o) {
			return false
		}
	}
	return true
}

// listed reports whether a folder's listing holds the file o. Each folder
// is listed once, by the first lookup that needs it, the others waiting.
func (c *Build) listed(o string) bool {
	dir := path.Dir(o)
	v, _ := c.names.LoadOrStore(dir, &folderNames{})
	l := v.(*folderNames)
	l.once.Do(func() {
		l.set = map[string]bool{}
		if f, err := os.Open(filepath.Join(c.root, filepath.FromSlash(dir))); err == nil {
			names, _ := f.Readdirnames(-1)
			f.Close()
			for _, n := range names {
				l.set[n] = true
			}
		}
	})
	return l.set[path.Base(o)]
}

// folderNames is the listing of one folder, made once.
type folderNames struct {
	once sync.Once
	set  map[string]bool
}

// StampDirs records the times of the folders of outputs, after a build
// wrote them.
func (c *Build) StampDirs(dirs map[string]bool) {
	now := time.Now().UnixNano()
	for dir := range dirs {
		t := stamp.FolderTime(c.root, dir)
		racy := now-t < int64(racyWindow)
		if c.Dirs[dir] != t || c.Racy[dir] != racy {
			c.Dirs[dir] = t
			if racy {
				c.Racy[dir] = true
			} else {
				delete(c.Racy, dir)
			}
			c.dirty = true
		}
	}
}

// Entry returns the entry of a document, nil if it has none.
func (c *Build) Entry(rel string) *Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Docs[rel]
}

// SetWritten replaces the outputs builds wrote for a document.
func (c *Build) SetWritten(rel string, outputs []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Wrote[rel] = outputs
	c.dirty = true
}

// Forget drops a document that left the project.
func (c *Build) Forget(rel string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.Wrote, rel)
	delete(c.Docs, rel)
	c.dirty = true
}

// Store records a document's entry after it was built.
func (c *Build) Store(rel string, e *Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Docs[rel] = e
	c.dirty = true
}

// AddWritten adds the outputs a build wrote for a document to those it
// records.
func (c *Build) AddWritten(rel string, outputs []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	had := c.Wrote[rel]
	var all []string
	for _, o := range outputs {
		if !slices.Contains(had, o) && !slices.Contains(all, o) {
			all = append(all, o)
		}
	}
	if len(all) > 0 {
		all = append(all, had...)
		slices.Sort(all)
		c.Wrote[rel] = all
		c.dirty = true
	}
}

// Save writes the cache if it changed. Documents that left the content
// folder were dropped from it (see Forget).
func (c *Build) Save() error {
	if !c.dirty {
		return nil
	}
	return fsutil.WriteFast(c.path, c.encode())
}

// ScanInputs returns, per document, the stamps of the files its build
// reads. The stats go folder by folder, through a handle on each folder,
// in slices shared out between the cores.
func ScanInputs(t *tree.Tree, sources []tree.Source, msgLocales []string) []Inputs {
	width := 1 + len(msgLocales)
	flat := make([]stamp.Stamp, len(sources)*width)
	parts := folderSlices(ByFolder(sources))
	parallel.Each(len(parts)*width, func(n int) {
		pt, k := parts[n/width], n%width
		dir, suffix := path.Join(t.Config.Content, pt.dir), ""
		if k > 0 {
			dir, suffix = path.Join(t.Config.LocalesDir, msgLocales[k-1], pt.dir), "."+msgLocales[k-1]+".toml"
		}
		f := stamp.Open(t.Abs(dir))
		defer f.Close()
		for _, i := range pt.docs {
			name := path.Base(sources[i].Rel)
			if k > 0 {
				name = tree.Stem(name) + suffix
			}
			flat[i*width+k] = f.Stat(name)
		}
	})
	out := make([]Inputs, len(sources))
	for i := range out {
		out[i] = Inputs{Source: flat[i*width], Messages: flat[i*width+1 : (i+1)*width : (i+1)*width]}
	}
	return out
}
