package catalog

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

var defaultOrder = []string{"description", "hash", "leftdelim", "rightdelim", "other"}

// Format writes a message file. The output depends only on the File, so a
// sync with nothing new writes the same bytes.
func Format(f *File) []byte {
	var b bytes.Buffer
	for _, h := range f.Header {
		writeComment(&b, ".", h)
	}
	for _, m := range f.Messages {
		b.WriteByte('\n')
		for _, c := range m.Comments {
			b.WriteString("#" + c + "\n")
		}
		for _, n := range m.Notes {
			writeComment(&b, ".", n)
		}
		if prefix, ok := provenanceNotes[m.State]; ok && m.Provenance != "" {
			writeComment(&b, ".", prefix+m.Provenance)
		}
		if m.Previous != "" {
			for i, line := range strings.Split(m.Previous, "\n") {
				if i == 0 {
					b.WriteString("#| en: " + line + "\n")
				} else {
					b.WriteString("#|    " + line + "\n")
				}
			}
		}
		if m.State != Untranslated {
			b.WriteString("#, " + string(m.State) + "\n")
		}
		b.WriteString("[" + formatKey(f.WrittenID(m)) + "]\n")
		for _, k := range keyOrder(m) {
			var v string
			switch k {
			case "description":
				v = m.Description
			case "hash":
				v = m.Hash
			case "leftdelim":
				v = m.LeftDelim
			case "rightdelim":
				v = m.RightDelim
			case "other":
				v = m.Other
			}
			if v == "" && k != "other" {
				continue
			}
			b.WriteString(k + " = " + Quote(v) + "\n")
		}
	}
	return b.Bytes()
}

// writeComment writes a comment that may span lines, one "#x " line each.
func writeComment(b *bytes.Buffer, mark, text string) {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			b.WriteString("#" + mark + "\n")
			continue
		}
		b.WriteString("#" + mark + " " + line + "\n")
	}
}

// keyOrder keeps the order the translator's file had, adding missing keys
// where the default order puts them.
func keyOrder(m *Message) []string {
	if len(m.Order) == 0 {
		return defaultOrder
	}
	seen := map[string]bool{}
	var out []string
	for _, k := range m.Order {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for i, k := range defaultOrder {
		if seen[k] {
			continue
		}
		// insert before the first present key that follows k by default
		at := len(out)
		for _, next := range defaultOrder[i+1:] {
			if j := indexOf(out, next); j >= 0 && j < at {
				at = j
			}
		}
		out = append(out[:at], append([]string{k}, out[at:]...)...)
		seen[k] = true
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func formatKey(id string) string {
	if id == "" {
		return `""`
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return Quote(id)
		}
	}
	return id
}

// Quote returns s as a TOML basic string.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
