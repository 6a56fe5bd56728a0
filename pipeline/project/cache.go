package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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

// cacheEntry holds the stamps of a document's inputs and of its outputs,
// in the order scanInputs and outputPaths list them (the paths follow from
// the document's, so they are not stored). A file whose stamp is unchanged
// is taken as unchanged.
type cacheEntry struct {
	Inputs  inputs
	Outputs []stamp.Stamp
	Report  docReport
	// Assets holds the sizes and times of the files the pages reference
	// (see assetStats).
	Assets []stamp.Stamp
}

// inputs are the stamps of the files a document's build reads: its source,
// then its message file in each locale of a build's message locales.
type inputs []stamp.Stamp

// source is the stamp of the document itself.
func (in inputs) source() stamp.Stamp { return in[0] }

// messages is the stamp of its message file in the k-th message locale.
func (in inputs) messages(k int) stamp.Stamp { return in[1+k] }

// buildCache remembers, per document, the inputs its outputs were built
// from. It is keyed by a fingerprint of everything else a build depends on
// (quipu's version, the page template, the configuration, the locales built,
// strictness), so any change there rebuilds all.
//
// Outputs are checked by their folders first: a file created, removed or
// renamed in a folder changes the folder's modification time, so while an
// output folder's time is the one recorded after the last build, none of
// its pages went missing, and its thousands of files need no look each.
type buildCache struct {
	root, path  string
	Fingerprint string
	Docs        map[string]*cacheEntry
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
	// document is gone, they are removed (see removeGone), and nothing
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

// openCache reads the build cache. force, or another fingerprint, makes
// every document's entry go, but not the list of outputs builds wrote.
func (p *Project) openCache(fingerprint string, force bool) *buildCache {
	c := &buildCache{root: p.Root, path: p.Abs(path.Join(config.CacheDir, "build.cache")), Docs: map[string]*cacheEntry{}, Dirs: map[string]int64{}, Racy: map[string]bool{}, Wrote: map[string][]string{}}
	if data, err := p.WS.ReadFile(path.Join(config.CacheDir, "build.cache")); err == nil {
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

func (c *buildCache) encode() []byte {
	e := &encoder{b: make([]byte, 0, 64+len(c.Docs)*160)}
	e.b = append(e.b, buildCacheMagic...)
	e.str(c.Fingerprint)
	e.times(c.Dirs)
	e.strs(slices.Sorted(maps.Keys(c.Racy)))
	e.uint(uint64(len(c.Docs)))
	for _, rel := range slices.Sorted(maps.Keys(c.Docs)) {
		d := c.Docs[rel]
		e.str(rel)
		e.stamps(d.Inputs)
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

func decodeBuildCache(data []byte) (*buildCache, bool) {
	if !bytes.HasPrefix(data, []byte(buildCacheMagic)) {
		return nil, false
	}
	d := &decoder{b: data, s: string(data), off: len(buildCacheMagic)}
	c := &buildCache{Fingerprint: d.str(), Dirs: d.times(), Racy: map[string]bool{}}
	for _, dir := range d.strs() {
		c.Racy[dir] = true
	}
	n := d.count(4)
	c.Docs = make(map[string]*cacheEntry, n)
	for range n {
		rel := d.str()
		e := &cacheEntry{Inputs: d.stamps(), Outputs: d.stamps()}
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

// lookup returns the report of a document whose inputs and outputs are as
// they were when it was last built. (An output edited in place is only
// rebuilt with --force.)
func (c *buildCache) lookup(rel string, in inputs, outputs []string) (*docReport, bool) {
	c.mu.Lock()
	e := c.Docs[rel]
	c.mu.Unlock()
	if e == nil || !slices.Equal(e.Inputs, in) || len(e.Outputs) != len(outputs) {
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
func (c *buildCache) dirsUnchanged(outputs []string) bool {
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
func (c *buildCache) listed(o string) bool {
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

// stampDirs records the times of the folders of outputs, after a build
// wrote them.
func (c *buildCache) stampDirs(dirs map[string]bool) {
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

func (c *buildCache) store(rel string, e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Docs[rel] = e
	c.dirty = true
}

// wrote adds the outputs a build wrote for a document to those it
// records.
func (c *buildCache) wrote(rel string, outputs []string) {
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

// save writes the cache if it changed. Documents that left the content
// folder were dropped from it by removeGone.
func (c *buildCache) save() error {
	if !c.dirty {
		return nil
	}
	return fsutil.WriteFast(c.path, c.encode())
}

// buildFingerprint hashes what every document's build depends on.
func (p *Project) buildFingerprint(locales []string, strict, useFuzzy bool) string {
	h := sha256.New()
	cfg, _ := json.Marshal(p.Config)
	h.Write(cfg)
	h.Write([]byte(Version))
	if t, err := p.template(); err == nil {
		h.Write(t.Source)
	}
	for _, f := range p.foreign() { // the glossary's italics are on every page
		h.Write([]byte("\x00foreign\x00" + f))
	}
	for _, l := range locales {
		h.Write([]byte("\x00" + l))
	}
	if strict {
		h.Write([]byte("\x00strict"))
	}
	if useFuzzy {
		h.Write([]byte("\x00use-fuzzy"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// scanInputs returns, per document, the stamps of the files its build
// reads. The stats go folder by folder, through a handle on each folder,
// in slices shared out between the cores.
func (p *Project) scanInputs(sources []Source, msgLocales []string) []inputs {
	width := 1 + len(msgLocales)
	flat := make([]stamp.Stamp, len(sources)*width)
	parts := folderSlices(byFolder(sources))
	parallel.Each(len(parts)*width, func(n int) {
		pt, k := parts[n/width], n%width
		dir, suffix := path.Join(p.Config.Content, pt.dir), ""
		if k > 0 {
			dir, suffix = path.Join(p.Config.LocalesDir, msgLocales[k-1], pt.dir), "."+msgLocales[k-1]+".toml"
		}
		f := stamp.Open(p.Abs(dir))
		defer f.Close()
		for _, i := range pt.docs {
			name := path.Base(sources[i].Rel)
			if k > 0 {
				name = tree.Stem(name) + suffix
			}
			flat[i*width+k] = f.Stat(name)
		}
	})
	out := make([]inputs, len(sources))
	for i := range out {
		out[i] = flat[i*width : (i+1)*width : (i+1)*width]
	}
	return out
}

// messageLocales lists, once per build, the locales whose message files
// a build reads: every locale of the chains of those built that has a
// message folder, the source locale aside.
func (p *Project) messageLocales(locales []string) []string {
	present := p.localeDirs(locales)
	var out []string
	seen := map[string]bool{}
	for _, l := range locales {
		for _, cl := range p.Config.Chain(l) {
			if seen[cl] || !present[cl] || cl == p.Config.SourceLocale {
				continue
			}
			seen[cl] = true
			out = append(out, cl)
		}
	}
	return out
}
