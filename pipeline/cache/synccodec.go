package cache

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// The sync cache is read on every sync, so it has a compact encoding of
// its own, quick to read: a magic line and a version, then varints and
// length-prefixed strings. A file of another version, or damaged, is
// ignored: the sync is then a full one.
const (
	syncCacheMagic   = "quipu sync cache\n"
	syncCacheVersion = 2
)

// encode writes the cache. Every document has as many inputs as the
// first: the number is written once, and each document's stamps follow
// in the order source, then per target locale its message file and its
// obsolete file.
func (c *Sync) encode() []byte {
	e := encoder{b: make([]byte, 0, c.size)}
	e.b = append(e.b, syncCacheMagic...)
	e.b = append(e.b, syncCacheVersion)
	e.str(c.fingerprint)
	e.uint(uint64(c.Orphans))
	e.uint(uint64(len(c.dirs)))
	for _, d := range c.dirs {
		e.str(d.Path)
		e.int(d.Mod)
		e.bool(d.Racy)
	}
	// Stamps are written as their numbers, size then time, the count of
	// numbers first.
	locales := c.locales
	if len(c.Docs) > 0 {
		locales = len(c.Docs[0].Inputs.Messages)
	}
	e.uint(uint64(2 * (1 + 2*locales)))
	e.uint(uint64(len(c.Docs)))
	for _, d := range c.Docs {
		e.str(d.Rel)
		e.int(d.Inputs.Source.Size)
		e.int(d.Inputs.Source.Mod)
		for k := range locales {
			for _, s := range []stamp.Stamp{at(d.Inputs.Messages, k), at(d.Inputs.Obsolete, k)} {
				e.int(s.Size)
				e.int(s.Mod)
			}
		}
		e.uint(uint64(d.Messages))
		if Empty(d.Entries) {
			e.uint(0)
			continue
		}
		e.uint(uint64(len(d.Entries)))
		for _, list := range d.Entries {
			e.uint(uint64(len(list)))
			for _, t := range list {
				e.entry(t)
			}
		}
	}
	c.size = len(e.b)
	return e.b
}

func (e *encoder) entry(t tm.Entry) {
	e.str(t.Source)
	e.str(t.Target)
	e.str(t.Doc)
	e.str(t.ID)
	e.bool(t.Reviewed)
	e.uint(uint64(len(t.Placeholders)))
	for _, ph := range t.Placeholders {
		e.int(int64(ph.Kind))
		e.str(ph.Open)
		e.str(ph.Close)
		e.str(ph.Label)
	}
}

// decodeSyncCache reads an encoded cache for a configuration of the given
// number of target locales.
func decodeSyncCache(data []byte, locales int) (*Sync, error) {
	if len(data) < len(syncCacheMagic)+1 || string(data[:len(syncCacheMagic)]) != syncCacheMagic || data[len(syncCacheMagic)] != syncCacheVersion {
		return nil, errBadCache
	}
	// Strings are cut from one copy of the file rather than allocated one
	// by one.
	d := &decoder{b: data, s: string(data), off: len(syncCacheMagic) + 1}
	c := &Sync{size: len(data), locales: locales, fingerprint: d.str(), Orphans: int(d.uint())}
	c.dirs = make([]dirTime, d.count(3))
	for i := range c.dirs {
		c.dirs[i] = dirTime{Path: d.str(), Mod: d.int(), Racy: d.bool()}
	}
	numbers := d.count(1)
	if numbers%2 != 0 {
		return nil, errBadCache
	}
	if numbers != 2*(1+2*locales) {
		return nil, errBadCache // of another configuration
	}
	n := d.count(2 + numbers)
	c.Docs = make([]SyncEntry, n)
	slab := make([]stamp.Stamp, 2*n*locales)
	for i := range c.Docs {
		if d.err != nil {
			break
		}
		e := &c.Docs[i]
		e.Rel = d.str()
		e.Inputs.cut(slab, i, locales)
		e.Inputs.Source = stamp.Stamp{Size: d.int(), Mod: d.int()}
		for k := range locales {
			e.Inputs.Messages[k] = stamp.Stamp{Size: d.int(), Mod: d.int()}
			e.Inputs.Obsolete[k] = stamp.Stamp{Size: d.int(), Mod: d.int()}
		}
		e.Messages = int(d.uint())
		switch d.count(1) {
		case 0:
			continue
		case locales:
		default:
			d.err = errBadCache
		}
		e.Entries = make([][]tm.Entry, locales)
		for k := range e.Entries {
			if m := d.count(6); m > 0 {
				e.Entries[k] = make([]tm.Entry, m)
				for i := range e.Entries[k] {
					e.Entries[k][i] = d.entry()
				}
			}
		}
		if Empty(e.Entries) {
			d.err = errBadCache // written as none
		}
	}
	if d.err == nil && d.off != len(d.b) {
		d.err = errBadCache
	}
	if d.err != nil {
		return nil, d.err
	}
	return c, nil
}

// at is v[k], or stamp.Missing past its end.
func at(v []stamp.Stamp, k int) stamp.Stamp {
	if k < len(v) {
		return v[k]
	}
	return stamp.Missing
}

// Empty reports whether no locale has an entry.
func Empty(entries [][]tm.Entry) bool {
	for _, list := range entries {
		if len(list) > 0 {
			return false
		}
	}
	return true
}

func (d *decoder) entry() tm.Entry {
	t := tm.Entry{Source: d.str(), Target: d.str(), Doc: d.str(), ID: d.str(), Reviewed: d.bool()}
	if n := d.count(4); n > 0 {
		t.Placeholders = make([]pipeline.Placeholder, n)
		for i := range t.Placeholders {
			t.Placeholders[i] = pipeline.Placeholder{Kind: pipeline.PlaceholderKind(d.int()), Open: d.str(), Close: d.str(), Label: d.str()}
		}
	}
	return t
}
