package project

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// syncCache lets a sync after a content edit touch only the edited
// documents. It remembers, per document, the sizes and times of the files
// sync reads and writes, and what its message files give translation
// memory. As long as no message file changed since the last sync (nor the
// configuration, the glossary or quipu), translation memory is the cache's,
// and a document whose source did not change would be written back
// unchanged: only the others need a sync.
type syncCache struct {
	path        string
	Fingerprint string
	Orphans     int // message files without a document at the last full sync
	Docs        map[string]*syncEntry
	valid       bool
}

type syncEntry struct {
	// Inputs: the document's size and time, then per target locale its
	// message file's and obsolete file's, then its source message file's.
	Inputs []int64
	// Entries are, per locale, what its files give translation memory.
	Entries map[string][]tm.Entry
}

func (p *Project) syncFingerprint() string {
	h := sha256.New()
	cfg, _ := json.Marshal(p.Config)
	h.Write(cfg)
	h.Write([]byte(Version))
	gl := statAt(p.Root, p.Config.Glossary)
	fmt.Fprintf(h, "\x00%s %d %d", gl.Path, gl.Size, gl.Mod)
	return hex.EncodeToString(h.Sum(nil))
}

func (p *Project) openSyncCache() *syncCache {
	c := &syncCache{path: p.abs(path.Join(CacheDir, "sync.gob")), Docs: map[string]*syncEntry{}}
	fp := p.syncFingerprint()
	if f, err := os.Open(c.path); err == nil {
		var old syncCache
		if gob.NewDecoder(bufio.NewReader(f)).Decode(&old) == nil && old.Fingerprint == fp && old.Docs != nil {
			c.Docs, c.Orphans, c.valid = old.Docs, old.Orphans, true
		}
		f.Close()
	}
	c.Fingerprint = fp
	return c
}

// syncInputs lists the sizes and times of the files a document's sync
// reads and writes.
func (p *Project) syncInputs(s Source) []int64 {
	paths := []string{p.ContentPath(s)}
	for _, l := range p.Config.Locales {
		paths = append(paths, p.MessagePath(l, s), p.ObsoletePath(l, s))
	}
	paths = append(paths, p.MessagePath(p.Config.SourceLocale, s))
	return flatten(p.stats(paths))
}

// changedContent returns the documents whose source changed, and whether
// they are all that changed: the same documents as at the last sync, no
// message file touched, no orphan message files.
func (c *syncCache) changedContent(sources []Source, inputs [][]int64) ([]Source, bool) {
	if !c.valid || c.Orphans > 0 || len(c.Docs) != len(sources) {
		return nil, false
	}
	var changed []Source
	for i, s := range sources {
		e := c.Docs[s.Rel]
		if e == nil || len(e.Inputs) != len(inputs[i]) || !slices.Equal(e.Inputs[2:], inputs[i][2:]) {
			return nil, false
		}
		if !slices.Equal(e.Inputs[:2], inputs[i][:2]) {
			changed = append(changed, s)
		}
	}
	return changed, true
}

// cachedSyncEnv is newSyncEnv for an incremental sync: translation memory
// from the cache for the documents left alone, from their files for the
// others.
func (p *Project) cachedSyncEnv(c *syncCache, sources []Source, docs []*loadedDoc) (*syncEnv, error) {
	gl, err := glossary.Load(p.abs(p.Config.Glossary))
	if err != nil {
		return nil, err
	}
	env := &syncEnv{gl: gl, mems: map[string]*tm.Memory{}, suggest: map[string]func(string) []string{}}
	fresh := map[string]*loadedDoc{}
	for _, d := range docs {
		fresh[d.src.Rel] = d
	}
	for _, locale := range p.Config.Locales {
		mem := tm.New()
		for _, s := range sources {
			if d := fresh[s.Rel]; d != nil {
				for _, e := range docEntries(d.doc, d.old[locale], d.obs[locale]) {
					mem.Add(e)
				}
				continue
			}
			for _, e := range c.Docs[s.Rel].Entries[locale] {
				mem.Add(e)
			}
		}
		env.mems[locale] = mem
		env.suggest[locale] = suggestions(mem)
	}
	return env, nil
}

// reset starts the cache afresh after a full sync.
func (c *syncCache) reset(orphans int) {
	c.Docs = map[string]*syncEntry{}
	c.Orphans = orphans
}

func (c *syncCache) store(rel string, e *syncEntry) { c.Docs[rel] = e }

// keep drops documents that are gone.
func (c *syncCache) keep(sources []Source) {
	live := map[string]bool{}
	for _, s := range sources {
		live[s.Rel] = true
	}
	for rel := range c.Docs {
		if !live[rel] {
			delete(c.Docs, rel)
		}
	}
}

func (c *syncCache) save() error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return err
	}
	return fsutil.WriteFast(c.path, buf.Bytes())
}
