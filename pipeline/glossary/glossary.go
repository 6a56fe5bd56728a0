// Package glossary reads the project's terminology list and finds, for a
// segment, the terms its English uses and whether a translation honours
// them.
package glossary

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline/tomlerr"
)

// Term is one glossary entry.
type Term struct {
	EN   string `toml:"en"`
	ES   string `toml:"es"`
	POS  string `toml:"pos"`
	Note string `toml:"note"`
	// Also lists other Spanish forms the translation may use instead of
	// ES, such as "EE. UU." for "Estados Unidos" where space is tight.
	Also []string `toml:"also"`
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

// Glossary is the list of terms, in the file's order.
type Glossary struct {
	Terms []*Term `toml:"term"`
	// Foreign lists English expressions a translation keeps as they are
	// (the expansion of an acronym, say): pages in other languages set
	// them in italics, as the RAE asks for words of another language.
	Foreign []string `toml:"foreign"`

	longest []int // indexes of Terms, longest English first
}

// schema is what a glossary's keys take, for its errors.
var schema = tomlerr.Schema{
	Tables: map[string]tomlerr.Table{
		"":     {Keys: []string{"term", "foreign"}},
		"term": {Header: "[[term]]", Keys: []string{"en", "es", "also", "pos", "note", "translate"}},
	},
	Want: func(key string) (string, bool) {
		want, ok := map[string]string{
			"term":           "[[term]] tables, one per term",
			"foreign":        `a list of English expressions, like ["Cooperative Security Locations"]`,
			"term.en":        `the English term in quotes, like "military base"`,
			"term.es":        `the Spanish term in quotes, like "base militar"`,
			"term.also":      `a list of other Spanish forms, like ["EE. UU."]`,
			"term.pos":       `a part of speech in quotes, like "noun"`,
			"term.note":      `a note in quotes`,
			"term.translate": `true or false (false: keep the English as is)`,
		}[key]
		return want, ok
	},
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
	if err := tomlerr.Decode(path, data, &g, schema); err != nil {
		return nil, err
	}
	for i, t := range g.Terms {
		if t.EN == "" || (t.ES == "" && !t.Keep()) {
			return nil, fmt.Errorf("%s: term %d: en and es are required", path, i+1)
		}
		t.en = regexp.MustCompile(`(?i)` + boundary(t.EN) + inflected(t.EN) + wordEnd)
		forms := []string{t.Required()}
		if !t.Keep() {
			forms = append(forms, t.Also...)
		}
		alts := make([]string, len(forms))
		for i, f := range forms {
			alts[i] = boundary(f) + inflected(f)
		}
		t.es = regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)` + wordEnd)
	}
	// Longest English first, so that where terms overlap in a text
	// ("joint training exercises" holds "training exercises") the longest
	// one claims the words and the shorter is not required as well.
	g.longest = make([]int, len(g.Terms))
	for i := range g.longest {
		g.longest[i] = i
	}
	sort.SliceStable(g.longest, func(i, j int) bool { return len(g.Terms[g.longest[i]].EN) > len(g.Terms[g.longest[j]].EN) })
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
	used := make([]bool, len(g.Terms))
	var claimed [][]int
	// A match strictly inside a longer one is part of that term; two
	// terms matching the same words ("CSL", "CSLs") both apply.
	inside := func(m []int) bool {
		for _, c := range claimed {
			if m[0] >= c[0] && m[1] <= c[1] && m[1]-m[0] < c[1]-c[0] {
				return true
			}
		}
		return false
	}
	for _, i := range g.longest {
		for _, m := range g.Terms[i].en.FindAllStringIndex(source, -1) {
			m = trim(source, m)
			if !inside(m) {
				claimed = append(claimed, m)
				used[i] = true
			}
		}
	}
	var out []*Term
	for i, t := range g.Terms {
		if used[i] {
			out = append(out, t)
		}
	}
	return out
}

// trim narrows a match to the term's own words, without the boundary
// characters the pattern takes on either side.
func trim(s string, m []int) []int {
	start, end := m[0], m[1]
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' {
			break
		}
		end -= n
	}
	return []int{start, end}
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
			es := t.ES
			for _, a := range t.Also {
				es += " / " + a
			}
			parts = append(parts, t.EN+" → "+es)
		}
	}
	return "glossary: " + strings.Join(parts, "; ")
}
