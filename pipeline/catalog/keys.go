package catalog

import (
	"slices"
	"strings"
)

// keyTracker checks the TOML rules that the streaming parser leaves to a
// decoder: a key or a table defined twice, a value used as a table. A full
// decode of the file did this before, but its tracker scans every sibling
// table at each header, which made reading large files quadratic.
type keyTracker struct {
	kinds map[string]keyKind
}

type keyKind uint8

const (
	implicitTable keyKind = iota + 1 // a prefix of a header: [a] for [a.b]
	dottedTable                      // a prefix of a dotted key: a for a.b = ""
	explicitTable
	value
)

func keyPath(parts []string) string { return strings.Join(parts, "\x00") }

func quoted(parts []string) string { return strings.Join(parts, ".") }

// table records a [header] and returns what is wrong with it, or "".
func (k *keyTracker) table(parts []string) string {
	if k.kinds == nil {
		k.kinds = map[string]keyKind{}
	}
	for i := 1; i < len(parts); i++ {
		p := keyPath(parts[:i])
		switch k.kinds[p] {
		case value:
			return quoted(parts[:i]) + " is a value, not a table"
		case 0:
			k.kinds[p] = implicitTable
		}
	}
	p := keyPath(parts)
	switch k.kinds[p] {
	case value:
		return quoted(parts) + " is already a value"
	case explicitTable:
		return "table [" + quoted(parts) + "] is defined twice"
	case dottedTable:
		return "table [" + quoted(parts) + "] is already defined by dotted keys"
	}
	k.kinds[p] = explicitTable
	return ""
}

// value records key = … in table and returns what is wrong with it, or "".
func (k *keyTracker) value(table, key []string) string {
	if k.kinds == nil {
		k.kinds = map[string]keyKind{}
	}
	full := append(slices.Clone(table), key...)
	for i := len(table) + 1; i < len(full); i++ {
		p := keyPath(full[:i])
		switch k.kinds[p] {
		case value:
			return quoted(full[:i]) + " is a value, not a table"
		case explicitTable, implicitTable:
			return "dotted key " + quoted(key) + " extends table [" + quoted(full[:i]) + "] defined elsewhere"
		case 0:
			k.kinds[p] = dottedTable
		}
	}
	p := keyPath(full)
	if k.kinds[p] != 0 {
		return "key " + quoted(full) + " is defined twice"
	}
	k.kinds[p] = value
	return ""
}
