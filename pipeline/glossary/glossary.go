// Package glossary reads the project's terminology list and finds, for a
// segment, the terms its English uses and whether a translation honours
// them.
package glossary

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/tomlerr"
)

// Term is one glossary entry.
type Term struct {
	EN   string `toml:"en"`
	ES   string `toml:"es"`
	POS  string `toml:"pos"`
	Note string `toml:"note"`
	// Translate is false for names and codes that must stay as they are
	// (CSL): the English must appear unchanged in the translation.
	Translate *bool `toml:"translate"`

	en, es *regexp.Regexp
}

// Keep reports whether the term must stay untranslated.
func (t *Term) Keep() bool { return t.Translate != nil && !*t.Translate }

// Required is what a translation must contain.
func (t *Term) Required() string {
	if t.Keep() {
		return t.EN
	}
	return t.ES
}

// Glossary is the list of terms, longest English first so that "military
// base" is found before "base".
type Glossary struct {
	Terms []*Term `toml:"term"`
}

// Load reads a glossary file. A missing file is an empty glossary.
func Load(path string) (*Glossary, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Glossary{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a glossary from data; errors carry file:line:col.
func Parse(path string, data []byte) (*Glossary, error) {
	var g Glossary
	dec := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		var de *toml.DecodeError
		var sme *toml.StrictMissingError
		switch {
		case errors.As(err, &de):
			line, col := de.Position()
			msg, off := tomlerr.Syntax(data, tomlerr.Offset(data, line, col), strings.TrimPrefix(de.Error(), "toml: "))
			line, col = pipeline.LineCol(data, off)
			return nil, &pipeline.Error{Pos: pipeline.Position{File: path, Line: line, Col: col}, Msg: msg}
		case errors.As(err, &sme) && len(sme.Errors) > 0:
			line, col := sme.Errors[0].Position()
			return nil, &pipeline.Error{Pos: pipeline.Position{File: path, Line: line, Col: col},
				Msg: fmt.Sprintf("unknown key %q (a term has en, es, pos, note, translate)", strings.Join(sme.Errors[0].Key(), "."))}
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, t := range g.Terms {
		if t.EN == "" || (t.ES == "" && !t.Keep()) {
			return nil, fmt.Errorf("%s: term %d: en and es are required", path, i+1)
		}
		t.en = regexp.MustCompile(`(?i)` + boundary(t.EN) + inflected(t.EN) + wordEnd)
		t.es = regexp.MustCompile(`(?i)` + boundary(t.Required()) + inflected(t.Required()) + wordEnd)
	}
	return &g, nil
}

// wordEnd and boundary keep matches to whole words, Unicode letters
// included (regexp's \b knows ASCII only, and "Perú" ends in a letter).
const wordEnd = `(?:[^\p{L}\p{N}]|$)`

func boundary(term string) string {
	if term != "" && isWord(term[0]) {
		return `(?:^|[^\p{L}\p{N}])`
	}
	return ``
}

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// inflected matches the term with each word optionally plural ("base
// militar" also matches "bases militares"), whitespace flexible.
func inflected(term string) string {
	words := strings.Fields(term)
	for i, w := range words {
		q := regexp.QuoteMeta(w)
		if isWord(w[len(w)-1]) {
			q += `(?:s|es)?`
		}
		words[i] = q
	}
	return strings.Join(words, `\s+`)
}

// In returns the terms the English text uses.
func (g *Glossary) In(source string) []*Term {
	if g == nil {
		return nil
	}
	var out []*Term
	for _, t := range g.Terms {
		if t.en.MatchString(source) {
			out = append(out, t)
		}
	}
	return out
}

// Missing returns the terms the English uses whose required form the
// translation lacks.
func (g *Glossary) Missing(source, translation string) []*Term {
	var out []*Term
	for _, t := range g.In(source) {
		if !t.es.MatchString(translation) {
			out = append(out, t)
		}
	}
	return out
}

// Note is the line a message file shows beside a segment: the terms its
// English uses with their required Spanish.
func (g *Glossary) Note(source string) string {
	terms := g.In(source)
	if len(terms) == 0 {
		return ""
	}
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		if t.Keep() {
			parts = append(parts, t.EN+" (keep as is)")
		} else {
			parts = append(parts, t.EN+" → "+t.ES)
		}
	}
	return "glossary: " + strings.Join(parts, "; ")
}
