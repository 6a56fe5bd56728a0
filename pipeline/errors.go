package pipeline

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Position is a place in a file, printed the way compilers print them.
type Position struct {
	File      string
	Line, Col int
}

func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is a problem found at a position in an input file. An Error made
// from another error (ErrorList.Add) keeps it in Err, and is printed as it:
// Pos is then the position that error wraps, if any, for sorting and for
// errors.As.
type Error struct {
	Pos Position
	Msg string
	Err error
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil:
		return e.Err.Error()
	case e.Pos.File == "":
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Unwrap returns the error e was made from, if any.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList gathers the problems of a file or of a whole run, so they are
// reported together, sorted by file and position, as a compiler does (see
// go/scanner's ErrorList). errors.As reaches each of them.
type ErrorList []*Error

// Add appends err: the errors of an ErrorList one by one, an *Error as it
// is, any other error kept whole in an Error of its own.
func (l *ErrorList) Add(err error) {
	var list ErrorList
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	if e, ok := err.(*Error); ok {
		*l = append(*l, e)
		return
	}
	e := &Error{Msg: err.Error(), Err: err}
	var inner *Error
	if errors.As(err, &inner) {
		e.Pos = inner.Pos
	}
	*l = append(*l, e)
}

// Sort sorts the list by file, line and column; errors without a file
// sort by their text. Errors at one place keep their order.
func (l ErrorList) Sort() {
	key := func(e *Error) string {
		if e.Pos.File == "" {
			return e.Error()
		}
		return e.Pos.File
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if ka, kb := key(a), key(b); ka != kb {
			return ka < kb
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Col < b.Pos.Col
	})
}

// Error prints one error a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns the list sorted, as an error, or nil when it is empty. An
// error that says what the one before it says is left out: one cause met
// by many documents (a folder that leads out of the project) is told once.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	out := l[:1]
	for _, e := range l[1:] {
		if e.Error() != out[len(out)-1].Error() {
			out = append(out, e)
		}
	}
	return out
}

// ErrorAt is an Error at byte offset off of src, the contents of file name.
func ErrorAt(name string, src []byte, off int, format string, args ...any) *Error {
	line, col := LineCol(src, off)
	return &Error{Pos: Position{File: name, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
}

// InvalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1 when b is valid.
func InvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for off := 0; off < len(b); {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size <= 1 {
			return off
		}
		off += size
	}
	return -1
}

// LineCol converts a byte offset in src to a 1-based line and column
// (columns count bytes, as go/token does).
func LineCol(src []byte, off int) (line, col int) {
	line = 1
	lineStart := 0
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, off - lineStart + 1
}
