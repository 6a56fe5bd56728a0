// Package tomlerr says what is wrong in a TOML file in the words of the
// people who edit it by hand, translators first: "missing \ before \"",
// not "expected newline but got U+0068 'h'".
package tomlerr

import (
	"bytes"
	"fmt"
	"regexp"
)

// Syntax explains a TOML syntax error that the parser found at byte off
// of data, and returns the message and the offset to report: an
// unescaped quote inside a value is reported at the quote.
func Syntax(data []byte, off int, msg string) (string, int) {
	if q, ok := strayQuote(data, off); ok {
		return `missing \ before " (write \" inside a value)`, q
	}
	return msg, off
}

// strayQuote finds the quote that ended a string value too early: the
// parser stops just after it, on text that should not be there, and the
// rest of the line holds the quote that was meant to close the value.
func strayQuote(data []byte, off int) (int, bool) {
	if off <= 0 || off > len(data) {
		return 0, false
	}
	q := off - 1
	for q > 0 && (data[q] == ' ' || data[q] == '\t') {
		q--
	}
	if data[q] != '"' {
		return 0, false
	}
	end := len(data)
	if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
		end = off + i
	}
	rest := data[off:end]
	if i := bytes.IndexByte(rest, '#'); i >= 0 && !bytes.Contains(rest[:i], []byte(`"`)) {
		rest = rest[:i] // a comment after the value: not a stray quote
	}
	if !bytes.Contains(rest, []byte(`"`)) {
		return 0, false
	}
	return q, true
}

// Offset turns a 1-based line and byte column, as go-toml reports them,
// into a byte offset of data.
func Offset(data []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return min(off+col-1, len(data))
}

var cannotDecode = regexp.MustCompile(`cannot decode TOML (\w+) into`)

// Type explains a value of the wrong type: key is where it is, want says
// what the key takes with an example, and msg is go-toml's message, which
// names the TOML type found.
func Type(key, want, msg string) string {
	got := ""
	if m := cannotDecode.FindStringSubmatch(msg); m != nil {
		got = m[1]
	}
	article := map[string]string{"string": "text in quotes", "integer": "a number", "float": "a number", "boolean": "true or false",
		"array": "a list", "table": "a table", "inline": "a table", "datetime": "a date", "date": "a date", "time": "a time"}
	s := fmt.Sprintf("%s: want %s", key, want)
	if a, ok := article[got]; ok {
		s += ", not " + a
	}
	return s
}
