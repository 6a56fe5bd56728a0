package project

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
)

// CacheDir is the project's hidden folder for state that a clean build
// can always recreate.
const CacheDir = ".quipu"

// fileStat identifies a version of a file cheaply: if size and
// modification time are unchanged, the content is taken as unchanged.
type fileStat struct {
	Path string
	Size int64 // -1: absent
	Mod  int64
}

// cacheEntry holds the sizes and times of a document's inputs and of its
// HTML outputs, in the order buildInputs and outputPaths list them (the
// paths follow from the document's, so they are not stored).
type cacheEntry struct {
	Inputs  []int64
	Outputs []int64
	Report  docReport
}

func flatten(stats []fileStat) []int64 {
	out := make([]int64, 0, 2*len(stats))
	for _, s := range stats {
		out = append(out, s.Size, s.Mod)
	}
	return out
}

// buildCache remembers, per document, the inputs its outputs were built
// from. It is keyed by a fingerprint of everything else a build depends on
// (quipu's version, the page template, the configuration, the locales built,
// strictness), so any change there rebuilds all.
type buildCache struct {
	root, path  string
	Fingerprint string
	Docs        map[string]*cacheEntry
	mu          sync.Mutex
	dirty       bool
}

func (p *Project) openCache(fingerprint string, force bool) *buildCache {
	c := &buildCache{root: p.Root, path: p.abs(path.Join(CacheDir, "build.gob")), Docs: map[string]*cacheEntry{}}
	if !force {
		if f, err := os.Open(c.path); err == nil {
			var old buildCache
			if gob.NewDecoder(bufio.NewReader(f)).Decode(&old) == nil && old.Fingerprint == fingerprint && old.Docs != nil {
				c.Docs = old.Docs
			}
			f.Close()
		}
	}
	if c.Fingerprint != fingerprint {
		c.dirty = true
	}
	c.Fingerprint = fingerprint
	return c
}

// lookup returns the report of a document whose inputs and HTML outputs
// are as they were when it was last built. (A Markdown output edited or
// deleted by hand is only rebuilt with --force.)
func (c *buildCache) lookup(rel string, inputs []int64, outputs []string) (*docReport, bool) {
	c.mu.Lock()
	e := c.Docs[rel]
	c.mu.Unlock()
	if e == nil || !slices.Equal(e.Inputs, inputs) || len(e.Outputs) != 2*len(outputs) {
		return nil, false
	}
	for i, o := range outputs {
		if st := c.statOf(o); st.Size != e.Outputs[2*i] || st.Mod != e.Outputs[2*i+1] {
			return nil, false
		}
	}
	return &e.Report, true
}

func (c *buildCache) store(rel string, e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Docs[rel] = e
	c.dirty = true
}

// save writes the cache if it changed. Documents that left the content
// folder are dropped from it.
func (c *buildCache) save() error {
	if !c.dirty {
		return nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return err
	}
	return fsutil.WriteFast(c.path, buf.Bytes())
}

// buildFingerprint hashes what every document's build depends on.
func (p *Project) buildFingerprint(locales []string, strict bool) string {
	h := sha256.New()
	cfg, _ := json.Marshal(p.Config)
	h.Write(cfg)
	h.Write([]byte(Version))
	if t, err := p.template(); err == nil {
		h.Write(t.Source)
	}
	for _, l := range locales {
		h.Write([]byte("\x00" + l))
	}
	if strict {
		h.Write([]byte("\x00strict"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// buildInputs lists the files one document's build reads, with their
// sizes and times.
func (p *Project) buildInputs(s Source, locales []string, present map[string]bool) []int64 {
	paths := []string{p.ContentPath(s)}
	seen := map[string]bool{}
	for _, l := range locales {
		for _, cl := range p.Config.Chain(l) {
			if seen[cl] || !present[cl] || cl == p.Config.SourceLocale {
				continue
			}
			seen[cl] = true
			paths = append(paths, p.MessagePath(cl, s))
		}
	}
	return flatten(p.stats(paths))
}

// htmlOutputs lists a document's HTML pages, whose presence the cache
// checks.
func (p *Project) htmlOutputs(s Source, locales []string) []string {
	out := make([]string, len(locales))
	for i, l := range locales {
		out[i] = p.OutputPath(l, s, ".html")
	}
	return out
}

// stats records project-relative paths, so the cache survives the
// project being moved or named differently on the command line.
func (p *Project) stats(paths []string) []fileStat {
	out := make([]fileStat, len(paths))
	for i, rel := range paths {
		out[i] = statAt(p.Root, rel)
	}
	return out
}

func (c *buildCache) statOf(rel string) fileStat { return statAt(c.root, rel) }

func statAt(root, rel string) fileStat {
	fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return fileStat{Path: rel, Size: -1}
	}
	return fileStat{Path: rel, Size: fi.Size(), Mod: fi.ModTime().UnixNano()}
}
