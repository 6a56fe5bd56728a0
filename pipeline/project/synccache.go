package project

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// syncCacheFile is where sync keeps its cache.
var syncCacheFile = path.Join(config.CacheDir, "sync.cache")

// syncCache lets a sync after a content edit touch only the edited
// documents. It remembers, per document, the sizes and times of the files
// sync reads and writes, and what its message files give translation
// memory. As long as no message file changed since the last sync (nor the
// configuration, the glossary or quipu), translation memory is the cache's,
// and a document whose source did not change would be written back
// unchanged: only the others need a sync.
//
// The source locale's message files are checked by their folders' times
// (see syncScan): a hand edit inside one, which sync would undo, is only
// undone by the next full sync (`quipu sync --force`, or any change of a
// translation).
type syncCache struct {
	path        string
	fingerprint string
	// orphans counts the message files without a document at the last
	// full sync: their translations feed memory, and the cache does not
	// hold them.
	orphans int
	// dirs are the source locale's message folders with their times after
	// the last sync wrote them (without their documents).
	dirs []dirTime
	// docs are the documents in the order Sources lists them.
	docs  []syncEntry
	valid bool
	size  int // of the file read, to write the next at once
	// ahead holds the target locales' message folders of the documents'
	// folders at the last sync, listed while the documents are.
	ahead map[string]dirListing
}

type syncEntry struct {
	rel string
	// inputs are the document's inputs as syncScan lists them.
	inputs syncInputs
	// entries are, per target locale in the configuration's order, what
	// its files give translation memory.
	entries [][]tm.Entry
	// messages counts the messages of its target locales' message files,
	// which a sync that skips the document keeps, and reports kept.
	messages int
	// written marks the files this sync wrote, to stat once they are in
	// place: bit 2k the message file of the k-th target locale, 2k+1 its
	// obsolete file; bit 63 stands for all from the 32nd locale on.
	written uint64
}

func writtenBit(k int, obsolete bool) uint64 {
	if k >= 31 {
		return 1 << 63
	}
	if obsolete {
		return 1 << (2*k + 1)
	}
	return 1 << (2 * k)
}

func (e *syncEntry) write(k int, obsolete bool) { e.written |= writtenBit(k, obsolete) }

func (e *syncEntry) wrote(k int, obsolete bool) bool { return e.written&writtenBit(k, obsolete) != 0 }

func (p *Project) syncFingerprint() string {
	h := sha256.New()
	cfg, _ := json.Marshal(p.Config)
	h.Write(cfg)
	h.Write([]byte(Version))
	gl := stamp.Of(p.Abs(p.Config.Glossary))
	fmt.Fprintf(h, "\x00%s %d %d", p.Config.Glossary, gl.Size, gl.Mod)
	return hex.EncodeToString(h.Sum(nil))
}

// openSyncCache reads the cache; a missing, damaged or outdated one, or
// use false, gives an empty cache.
func (p *Project) openSyncCache(use bool) *syncCache {
	c := &syncCache{path: p.Abs(syncCacheFile), fingerprint: p.syncFingerprint()}
	if !use {
		return c
	}
	data, err := p.WS.ReadFile(syncCacheFile)
	if err != nil {
		return c
	}
	old, err := decodeSyncCache(data, len(p.Config.Locales))
	if err == nil && old.fingerprint == c.fingerprint {
		c.orphans, c.dirs, c.docs, c.valid = old.orphans, old.dirs, old.docs, true
		c.size = old.size + old.size/8
		c.listAhead(p)
	}
	return c
}

// listAhead lists, while the documents are listed, the folders the scan
// will list if the documents are where they were at the last sync: the
// target locales' message folders, and the source locale's whose time was
// racy.
func (c *syncCache) listAhead(p *Project) {
	c.ahead = map[string]dirListing{}
	src := path.Join(p.Config.LocalesDir, p.Config.SourceLocale)
	for j, d := range c.dirs {
		if d.Racy {
			c.dirs[j].stems = p.sourceStems(d.Path)
		}
		rel, ok := strings.CutPrefix(d.Path, src)
		if !ok || rel != "" && rel[0] != '/' {
			continue
		}
		if rel = strings.TrimPrefix(rel, "/"); rel == "" {
			rel = "."
		}
		for _, l := range p.Config.Locales {
			dir := path.Join(p.Config.LocalesDir, l, rel)
			c.ahead[dir] = p.listDir(dir)
		}
	}
}

// sameDocuments reports whether the cache is of these documents.
func (c *syncCache) sameDocuments(sources []Source) bool {
	if !c.valid || len(c.docs) != len(sources) {
		return false
	}
	for i, s := range sources {
		if c.docs[i].rel != s.Rel {
			return false
		}
	}
	return true
}

// changedContent returns the indexes of the documents whose source
// changed, and whether they are all that changed: the same documents as at
// the last sync, no message file touched, no message file without a
// document.
func (c *syncCache) changedContent(sources []Source, sc *syncScan) ([]int, bool) {
	if c.orphans > 0 || sc.strays > 0 || !c.sameDocuments(sources) || !sc.sameSourceDirs(c.dirs) {
		return nil, false
	}
	var changed []int
	for i := range sources {
		e, in := &c.docs[i], sc.input(i)
		if len(e.inputs) != len(in) || !slices.Equal(e.inputs[1:], in[1:]) {
			return nil, false
		}
		if *e.inputs.source() != *in.source() {
			changed = append(changed, i)
		}
	}
	return changed, true
}

// plan returns the indexes of the documents to sync and, for an
// incremental sync, where translation memory finds the entries of the
// others: when only documents changed, and no message file, memory is what
// the cache holds, and only the changed documents need a sync. A full sync
// (cached nil) starts the cache afresh; so does a dry run, which writes no
// cache.
func (c *syncCache) plan(sources []Source, sc *syncScan, dry bool) (todo []int, cached func(i int) ([][]tm.Entry, bool)) {
	todo, incremental := c.changedContent(sources, sc)
	if !incremental || dry {
		todo = make([]int, len(sources))
		for i := range todo {
			todo[i] = i
		}
		c.docs = make([]syncEntry, len(sources))
		return todo, nil
	}
	fresh := make([]bool, len(sources))
	for _, i := range todo {
		fresh[i] = true
	}
	return todo, func(i int) ([][]tm.Entry, bool) {
		if fresh[i] {
			return nil, false
		}
		return c.docs[i].entries, true
	}
}

func (c *syncCache) save(p *Project) error {
	return fsutil.WriteFast(c.path, c.encode())
}
