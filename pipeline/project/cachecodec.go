package project

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
)

// The caches are read and written by every run, so they use a plain binary
// layout of varints and length-prefixed strings: on a tree of thousands of
// documents, reading and writing it costs a few milliseconds where gob
// costs tens. A cache that does not decode is simply not used.

// cacheEnc appends values to a byte slice.
type cacheEnc struct{ buf []byte }

func (e *cacheEnc) int(v int64)  { e.buf = binary.AppendVarint(e.buf, v) }
func (e *cacheEnc) uint(v int)   { e.buf = binary.AppendUvarint(e.buf, uint64(v)) }
func (e *cacheEnc) str(s string) { e.uint(len(s)); e.buf = append(e.buf, s...) }

func (e *cacheEnc) ints(v []int64) {
	e.uint(len(v))
	for _, x := range v {
		e.int(x)
	}
}

func (e *cacheEnc) strs(v []string) {
	e.uint(len(v))
	for _, s := range v {
		e.str(s)
	}
}

// counts writes a report's counts.
func (e *cacheEnc) counts(v []count) {
	e.uint(len(v))
	for _, c := range v {
		e.str(c.Locale)
		e.str(c.From)
		e.int(int64(c.N))
	}
}

var errCorruptCache = errors.New("corrupt cache")

// cacheDec reads what cacheEnc wrote; after the first error every read
// returns zero values and err stays set.
type cacheDec struct {
	buf []byte
	err error
}

func (d *cacheDec) fail() { d.err, d.buf = errCorruptCache, nil }

func (d *cacheDec) int() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// uint reads a length or a count, which cannot exceed what is left to
// read: a corrupt length never makes a huge allocation.
func (d *cacheDec) uint() int {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 || v > uint64(len(d.buf)) {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return int(v)
}

func (d *cacheDec) str() string {
	n := d.uint()
	if n > len(d.buf) {
		d.fail()
		return ""
	}
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

func (d *cacheDec) ints() []int64 {
	n := d.uint()
	if n == 0 {
		return nil
	}
	v := make([]int64, n)
	for i := range v {
		v[i] = d.int()
	}
	return v
}

func (d *cacheDec) strs() []string {
	n := d.uint()
	if n == 0 {
		return nil
	}
	v := make([]string, n)
	for i := range v {
		v[i] = d.str()
	}
	return v
}

func (d *cacheDec) counts() []count {
	n := d.uint()
	if n == 0 {
		return nil
	}
	v := make([]count, n)
	for i := range v {
		v[i] = count{Locale: d.str(), From: d.str(), N: int(d.int())}
	}
	return v
}

// counts64 is counts for int64 values.
func (e *cacheEnc) counts64(m map[string]int64) {
	e.uint(len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.str(k)
		e.int(m[k])
	}
}

func (d *cacheDec) counts64() map[string]int64 {
	n := d.uint()
	m := make(map[string]int64, n)
	for range n {
		k := d.str()
		m[k] = d.int()
	}
	return m
}
