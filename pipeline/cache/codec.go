// Package cache holds quipu's fast paths: it remembers what the last sync
// and build read and wrote, as stamps (size and time) of each file, so the
// next run skips the documents that have not changed, and the git dates of
// the content, all in files of one binary codec.
package cache

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"

	"github.com/quipu-l10n/quipu/pipeline/stamp"
)

// The caches are read and written by every run, so they use a plain binary
// layout of varints and length-prefixed strings: on a tree of thousands of
// documents, reading and writing one costs a few milliseconds where gob
// costs tens. A cache that does not decode is simply not used.

var errBadCache = errors.New("damaged cache")

// encoder appends values to a byte slice.
type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// stamps writes stamps as the list of their numbers, size then time.
func (e *encoder) stamps(v []stamp.Stamp) {
	e.uint(uint64(2 * len(v)))
	for _, s := range v {
		e.int(s.Size)
		e.int(s.Mod)
	}
}

// inputs writes a document's build inputs as stamps reads them back: the
// source first, then its message files.
func (e *encoder) inputs(in Inputs) {
	e.uint(uint64(2 * (1 + len(in.Messages))))
	e.int(in.Source.Size)
	e.int(in.Source.Mod)
	for _, s := range in.Messages {
		e.int(s.Size)
		e.int(s.Mod)
	}
}

func (e *encoder) strs(v []string) {
	e.uint(uint64(len(v)))
	for _, s := range v {
		e.str(s)
	}
}

// counts writes a build report's counts.
func (e *encoder) counts(v []Count) {
	e.uint(uint64(len(v)))
	for _, c := range v {
		e.str(c.Locale)
		e.str(c.From)
		e.int(int64(c.N))
	}
}

// times writes a map of times in key order, so equal caches are equal
// bytes.
func (e *encoder) times(m map[string]int64) {
	e.uint(uint64(len(m)))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.str(k)
		e.int(m[k])
	}
}

// decoder reads what encoder wrote; past the first error it returns zero
// values, and err says what went wrong.
type decoder struct {
	b   []byte
	s   string // b as a string
	off int
	err error
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.err = errBadCache
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.err = errBadCache
		return 0
	}
	d.off += n
	return v
}

// Count reads a number of items each at least min bytes long: a Count the
// rest of the file cannot hold is damage, not a reason to allocate.
func (d *decoder) count(min int) int {
	v := d.uint()
	if v > uint64((len(d.b)-d.off)/min) {
		d.err = errBadCache
		return 0
	}
	return int(v)
}

func (d *decoder) bool() bool {
	if d.err != nil || d.off >= len(d.b) || d.b[d.off] > 1 {
		d.err = errBadCache
		return false
	}
	d.off++
	return d.b[d.off-1] == 1
}

func (d *decoder) str() string {
	n := d.count(1)
	s := d.s[d.off : d.off+n]
	d.off += n
	return s
}

// stamps reads what encoder.stamps wrote.
func (d *decoder) stamps() []stamp.Stamp {
	n := d.count(1)
	if n%2 != 0 {
		d.err = errBadCache
	}
	if n == 0 || d.err != nil {
		return nil
	}
	v := make([]stamp.Stamp, n/2)
	for i := range v {
		v[i] = stamp.Stamp{Size: d.int(), Mod: d.int()}
	}
	return v
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	v := make([]string, n)
	for i := range v {
		v[i] = d.str()
	}
	return v
}

func (d *decoder) counts() []Count {
	n := d.count(3)
	if n == 0 {
		return nil
	}
	v := make([]Count, n)
	for i := range v {
		v[i] = Count{Locale: d.str(), From: d.str(), N: int(d.int())}
	}
	return v
}

func (d *decoder) times() map[string]int64 {
	n := d.count(2)
	m := make(map[string]int64, n)
	for range n {
		k := d.str()
		m[k] = d.int()
	}
	return m
}
