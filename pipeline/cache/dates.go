package cache

import (
	"bytes"
	"maps"
	"os"
	"slices"
)

// Dates maps the files of one content folder to the time of the last
// commit that touched each, as of one commit (Head).
type Dates struct {
	Head, Content string
	Dates         map[string]int64
}

const datesCacheMagic = "quipu dates cache 1\n"

// Encode writes the dates as the cache file holds them.
func (c Dates) Encode() []byte {
	e := &encoder{b: make([]byte, 0, 64+len(c.Dates)*48)}
	e.b = append(e.b, datesCacheMagic...)
	e.str(c.Head)
	e.str(c.Content)
	e.uint(uint64(len(c.Dates)))
	for _, name := range slices.Sorted(maps.Keys(c.Dates)) {
		e.str(name)
		e.int(c.Dates[name])
	}
	return e.b
}

// ReadDates reads the cache at name, if it was made for content.
func ReadDates(name, content string) (Dates, bool) {
	if name == "" {
		return Dates{}, false
	}
	data, err := os.ReadFile(name)
	if err != nil || !bytes.HasPrefix(data, []byte(datesCacheMagic)) {
		return Dates{}, false
	}
	d := &decoder{b: data, s: string(data), off: len(datesCacheMagic)}
	c := Dates{Head: d.str(), Content: d.str()}
	n := d.count(2)
	c.Dates = make(map[string]int64, n)
	for range n {
		name := d.str()
		c.Dates[name] = d.int()
	}
	if d.err != nil || d.off != len(d.b) || c.Content != content || c.Head == "" {
		return Dates{}, false
	}
	return c, true
}
