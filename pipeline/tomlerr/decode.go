package tomlerr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/suggest"
)

// Schema says, in the words of the people who edit a file, what its keys
// take, so that every TOML file quipu reads (quipu.toml, the glossary)
// reports its mistakes alike.
type Schema struct {
	// Tables lists the keys each table takes, by its dotted name: "" is
	// the top level, "term" the glossary's [[term]] tables. A table not
	// listed (quipu.toml's [fallback], whose keys are locales) takes any.
	Tables map[string]Table
	// Want says what a key takes, with an example ("true or false"), by
	// its dotted name ("use_fuzzy", "term.also").
	Want func(key string) (string, bool)
}

// Table is one table of a Schema.
type Table struct {
	// Header is the table as the file writes it ("[[term]]"), to say
	// where an unknown key is; "" for the top level.
	Header string
	Keys   []string
}

// List is the problems of one file, in the file's order.
type List []*pipeline.Error

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Decode reads data, the TOML file named file, into v, strictly. Every
// mistake is reported at its file:line:col in the editor's words, never
// in Go's: an unknown key with the key meant ("unknown key \"esp\" in
// [[term]] (did you mean \"es\"?)"), a value of the wrong type with what
// the key takes ("use_fuzzy: want true or false, not text in quotes"), a
// syntax error with its likely cause. Unknown keys come as a List, all of
// them at once.
func Decode(file string, data []byte, v any, s Schema) error {
	err := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields().Decode(v)
	if err == nil {
		return nil
	}
	at := func(line, col int, msg string) *pipeline.Error {
		return &pipeline.Error{Pos: pipeline.Position{File: file, Line: line, Col: col}, Msg: msg}
	}
	var de *toml.DecodeError
	var sme *toml.StrictMissingError
	switch {
	case errors.As(err, &sme): // before DecodeError, which it wraps
		var list List
		for _, e := range sme.Errors {
			line, col := e.Position()
			list = append(list, at(line, col, s.unknown(e.Key())))
		}
		return list
	case errors.As(err, &de):
		line, col := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		key := de.Key()
		if strings.HasPrefix(msg, "cannot decode") && len(key) > 0 {
			// A key the schema forgot still gets words, not Go's type
			// names.
			want, ok := s.want(key)
			if !ok {
				want = "another kind of value"
			}
			return at(line, col, Type(s.name(key), want, msg))
		}
		msg, off := Syntax(data, Offset(data, line, col), msg)
		line, col = pipeline.LineCol(data, off)
		return at(line, col, msg)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// want is what the key takes. A value of the wrong type in a table the
// schema does not know (a [fallback] entry) is explained by its table's.
func (s Schema) want(key []string) (string, bool) {
	if s.Want == nil || len(key) == 0 {
		return "", false
	}
	return s.Want(strings.Join(key, "."))
}

// name is a key as an error names it: as written inside a table the
// file repeats ("translate" in [[term]]), else whole ("fallback.es-PE").
func (s Schema) name(key []string) string {
	if t, ok := s.Tables[strings.Join(key[:len(key)-1], ".")]; ok && t.Header != "" {
		return key[len(key)-1]
	}
	return strings.Join(key, ".")
}

// unknown says that a key is not one its table takes, with the key meant
// when one is close, else the keys the table takes.
func (s Schema) unknown(key []string) string {
	t := s.Tables[strings.Join(key[:len(key)-1], ".")]
	name := s.name(key)
	msg := fmt.Sprintf("unknown key %q", name)
	if t.Header != "" {
		msg += " in " + t.Header
	}
	if near := suggest.Nearest(name, t.Keys); near != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", near)
	}
	if len(t.Keys) > 0 {
		return msg + " (it takes " + strings.Join(t.Keys, ", ") + ")"
	}
	return msg
}
