package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/parallel"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// syncCacheFile is where sync keeps its cache.
var syncCacheFile = path.Join(config.CacheDir, "sync.cache")

// Sync lets a sync after a content edit touch only the edited
// documents. It remembers, per document, the sizes and times of the files
// sync reads and writes, and what its message files give translation
// memory. As long as no message file changed since the last sync (nor the
// configuration, the glossary or quipu), translation memory is the cache's,
// and a document whose source did not change would be written back
// unchanged: only the others need a sync.
//
// The source locale's message files are checked by their folders' times
// (see Scan): a hand edit inside one, which sync would undo, is only
// undone by the next full sync (`quipu sync --force`, or any change of a
// translation).
type Sync struct {
	path        string
	fingerprint string
	// Orphans counts the message files without a document at the last
	// full sync: their translations feed memory, and the cache does not
	// hold them.
	Orphans int
	// dirs are the source locale's message folders with their times after
	// the last sync wrote them (without their documents).
	dirs []dirTime
	// Docs are the documents in the order Sources lists them.
	Docs  []SyncEntry
	valid bool
	size  int // of the file read, to write the next at once
	// locales is the number of target locales, whose files each
	// document's inputs stamp.
	locales int
	// Ahead holds the target locales' message folders of the documents'
	// folders at the last sync, listed while the documents are.
	Ahead map[string]dirListing
}

// SyncEntry is what the cache holds of one document.
type SyncEntry struct {
	Rel string
	// Inputs are the document's inputs as Scan lists them.
	Inputs SyncInputs
	// Entries are, per target locale in the configuration's order, what
	// its files give translation memory.
	Entries [][]tm.Entry
	// Messages counts the messages of its target locales' message files,
	// which a sync that skips the document keeps, and reports kept.
	Messages int
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

// Write marks the message file of the k-th target locale, or its
// obsolete file, as written by this sync.
func (e *SyncEntry) Write(k int, obsolete bool) { e.written |= writtenBit(k, obsolete) }

// Wrote reports whether Write marked the file.
func (e *SyncEntry) Wrote(k int, obsolete bool) bool { return e.written&writtenBit(k, obsolete) != 0 }

func syncFingerprint(t *tree.Tree) string {
	h := sha256.New()
	cfg, _ := json.Marshal(t.Config)
	h.Write(cfg)
	h.Write([]byte(pipeline.Version))
	gl := stamp.Of(t.Abs(t.Config.Glossary))
	fmt.Fprintf(h, "\x00%s %d %d", t.Config.Glossary, gl.Size, gl.Mod)
	return hex.EncodeToString(h.Sum(nil))
}

// OpenSync reads the cache; a missing, damaged or outdated one, or
// use false, gives an empty cache.
func OpenSync(t *tree.Tree, use bool) *Sync {
	c := &Sync{path: t.Abs(syncCacheFile), fingerprint: syncFingerprint(t), locales: len(t.Config.Locales)}
	if !use {
		return c
	}
	data, err := t.WS.ReadFile(syncCacheFile)
	if err != nil {
		return c
	}
	old, err := decodeSyncCache(data, len(t.Config.Locales))
	if err == nil && old.fingerprint == c.fingerprint {
		c.Orphans, c.dirs, c.Docs, c.valid = old.Orphans, old.dirs, old.Docs, true
		c.size = old.size + old.size/8
		c.listAhead(t)
	}
	return c
}

// listAhead lists, while the documents are listed, the folders the scan
// will list if the documents are where they were at the last sync: the
// target locales' message folders, and the source locale's whose time was
// racy.
func (c *Sync) listAhead(t *tree.Tree) {
	c.Ahead = map[string]dirListing{}
	src := path.Join(t.Config.LocalesDir, t.Config.SourceLocale)
	for j, d := range c.dirs {
		if d.Racy {
			c.dirs[j].stems = sourceStems(t, d.Path)
		}
		rel, ok := strings.CutPrefix(d.Path, src)
		if !ok || rel != "" && rel[0] != '/' {
			continue
		}
		if rel = strings.TrimPrefix(rel, "/"); rel == "" {
			rel = "."
		}
		for _, l := range t.Config.Locales {
			dir := path.Join(t.Config.LocalesDir, l, rel)
			c.Ahead[dir] = listDir(t, dir)
		}
	}
}

// SameDocuments reports whether the cache is of these documents.
func (c *Sync) SameDocuments(sources []tree.Source) bool {
	if !c.valid || len(c.Docs) != len(sources) {
		return false
	}
	for i, s := range sources {
		if c.Docs[i].Rel != s.Rel {
			return false
		}
	}
	return true
}

// changedContent returns the indexes of the documents whose source
// changed, and whether they are all that changed: the same documents as at
// the last sync, no message file touched, no message file without a
// document.
func (c *Sync) changedContent(sources []tree.Source, sc *Scan) ([]int, bool) {
	if c.Orphans > 0 || sc.strays > 0 || !c.SameDocuments(sources) || !sc.sameSourceDirs(c.dirs) {
		return nil, false
	}
	var changed []int
	for i := range sources {
		e, in := &c.Docs[i], sc.Input(i)
		if !e.Inputs.equalFiles(in) {
			return nil, false
		}
		if e.Inputs.Source != in.Source {
			changed = append(changed, i)
		}
	}
	return changed, true
}

// Plan returns the indexes of the documents to sync and, for an
// incremental sync, where translation memory finds the entries of the
// others: when only documents changed, and no message file, memory is what
// the cache holds, and only the changed documents need a sync. A full sync
// (cached nil) starts the cache afresh; so does a dry run, which writes no
// cache.
func (c *Sync) Plan(sources []tree.Source, sc *Scan, dry bool) (todo []int, cached func(i int) ([][]tm.Entry, bool)) {
	todo, incremental := c.changedContent(sources, sc)
	if !incremental || dry {
		todo = make([]int, len(sources))
		for i := range todo {
			todo[i] = i
		}
		c.Docs = make([]SyncEntry, len(sources))
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
		return c.Docs[i].Entries, true
	}
}

// Record updates the cache after a sync has written its files: the
// synced documents' files just written are stat'ed now, the others are as
// scanned, and the source message folders' times are read again.
func (c *Sync) Record(sc *Scan, synced []int) error {
	t := sc.t
	parallel.Each(len(synced), func(j int) {
		s, e := sc.sources[synced[j]], &c.Docs[synced[j]]
		for k, l := range t.Config.Locales {
			if e.Wrote(k, false) {
				e.Inputs.Messages[k] = stamp.Of(t.Abs(t.MessagePath(l, s)))
			}
			if e.Wrote(k, true) {
				e.Inputs.Obsolete[k] = stamp.Of(t.Abs(t.ObsoletePath(l, s)))
			}
		}
		e.written = 0
	})
	c.dirs = slices.Clone(sc.srcDirs)
	statDirs(t.Root, c.dirs)
	return fsutil.WriteFast(c.path, c.encode())
}
