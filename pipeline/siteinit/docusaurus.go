package siteinit

import (
	"fmt"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
)

var docusaurusFiles = []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"}

// readDocusaurus reads the i18n block of docusaurus.config.js without
// running it: defaultLocale and locales must be written out as quoted
// strings. The docs are taken to be in docs/ (the classic preset's
// default) and translated into i18n/<locale>/docusaurus-plugin-content-docs/current.
func readDocusaurus(root string) (*Site, error) {
	name, src, err := firstFile(root, docusaurusFiles...)
	if err != nil {
		return nil, err
	}
	toks := jsTokens(src)
	at := func(off int, format string, args ...any) error {
		line, col := pipeline.LineCol(src, off)
		return &pipeline.Error{Pos: pipeline.Position{File: name, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	start := -1
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].text == "i18n" && toks[i+1].text == ":" && toks[i+2].text == "{" {
			start = i + 3
			break
		}
	}
	if start < 0 {
		return nil, at(0, "no i18n: { … } block (quipu reads it without running the file: write i18n: {defaultLocale: \"en\", locales: [\"en\", \"es\"]} in the config)")
	}
	s := &Site{Config: name, Content: "docs"}
	if off := docsOff(toks); off >= 0 {
		return nil, at(off, "docs: false turns the docs plugin off, and the docs are all quipu localizes in a Docusaurus site (i18n/<locale>/docusaurus-plugin-content-docs/current): turn it on, or write quipu.toml by hand")
	}
	if dir, off, ok := docsPath(toks); !ok {
		s.Notes = append(s.Notes, "the docs plugin's path is not a quoted string: docs/ is assumed; set content in quipu.toml if it is elsewhere")
	} else if dir != "" {
		if s.Content, ok = clean(dir); !ok {
			return nil, at(off, "the docs path %q leads outside the site", dir)
		}
	}
	s.Notes = append(s.Notes, "only the docs are localized (i18n/<locale>/docusaurus-plugin-content-docs/current); the blog, pages and code.json are not")
	var locales []jsToken
	paths := map[string]jsToken{} // localeConfigs: {fr: {path: 'francais'}}
	localesAt := -1
	depth := 0
	for i := start; i < len(toks) && depth >= 0; i++ {
		t := toks[i]
		switch t.text {
		case "{", "[", "(":
			depth++
			continue
		case "}", "]", ")":
			depth--
			continue
		}
		if depth != 0 || i+2 >= len(toks) || toks[i+1].text != ":" {
			continue
		}
		switch t.text {
		case "defaultLocale":
			v := toks[i+2]
			if !v.str {
				return nil, at(v.off, "defaultLocale is not a quoted string: quipu reads the i18n block without running it, so write the locale out, like defaultLocale: \"en\"")
			}
			s.Source = v.value
		case "locales":
			v := toks[i+2]
			if v.text != "[" {
				return nil, at(v.off, "locales is not a list of quoted strings: quipu reads the i18n block without running it, so write them out, like locales: [\"en\", \"es\"]")
			}
			localesAt = v.off
			j := i + 3
			for ; j < len(toks) && toks[j].text != "]"; j++ {
				switch {
				case toks[j].str:
					locales = append(locales, toks[j])
				case toks[j].text == ",":
				default:
					return nil, at(toks[j].off, "locales holds something other than quoted strings (%s): write the locales out", toks[j].text)
				}
			}
			i = j
		case "localeConfigs":
			if err := localeConfigs(toks, i+2, paths, at); err != nil {
				return nil, err
			}
		}
	}
	if s.Source == "" {
		return nil, at(toks[start-1].off, "the i18n block has no defaultLocale")
	}
	if localesAt < 0 {
		return nil, at(toks[start-1].off, "the i18n block has no locales")
	}
	for _, t := range locales {
		l := t.value
		if l == s.Source {
			continue
		}
		dir := l
		if p, ok := paths[l]; ok {
			// Docusaurus reads i18n/<path>/ for a locale whose config
			// sets one.
			if dir, ok = clean(p.value); !ok || strings.Contains(dir, "/") {
				return nil, at(p.off, "localeConfigs.%s.path %q: want a folder name under i18n/", l, p.value)
			}
		}
		line, col := pipeline.LineCol(src, t.off)
		s.Langs = append(s.Langs, Lang{Name: l, Dir: path.Join("i18n", dir, "docusaurus-plugin-content-docs", "current"), Pos: pipeline.Position{File: name, Line: line, Col: col}})
	}
	return s, nil
}

// localeConfigs reads the path of each locale from the object at
// toks[i] (localeConfigs: {fr: {path: 'francais', label: …}}) into paths;
// a path that is not a quoted string is an error, since the folder
// Docusaurus reads would be unknown.
func localeConfigs(toks []jsToken, i int, paths map[string]jsToken, at func(int, string, ...any) error) error {
	if i >= len(toks) || toks[i].text != "{" {
		return at(toks[min(i, len(toks)-1)].off, "localeConfigs is not an object: quipu reads the i18n block without running it, so write it out")
	}
	depth := 0
	locale := ""
	for j := i; j < len(toks); j++ {
		switch t := toks[j]; t.text {
		case "{", "[", "(":
			depth++
		case "}", "]", ")":
			depth--
			if depth == 0 {
				return nil
			}
		default:
			if j+1 >= len(toks) || toks[j+1].text != ":" {
				continue
			}
			key := t.text
			if t.str {
				key = t.value
			}
			switch {
			case depth == 1:
				locale = key
			case depth == 2 && key == "path":
				v := toks[min(j+2, len(toks)-1)]
				if !v.str {
					return at(v.off, "localeConfigs.%s.path is not a quoted string: write the folder out", locale)
				}
				paths[locale] = v
			}
		}
	}
	return nil
}

// jsToken is a token of JavaScript as far as reading a literal object
// needs: punctuation, names, and strings with their value.
type jsToken struct {
	text  string // as written (for strings, with quotes)
	value string // a string's contents
	str   bool
	off   int
}

// jsTokens splits JavaScript into tokens, skipping comments; it is
// tolerant: what it does not know becomes a token of its own.
func jsTokens(src []byte) []jsToken {
	var out []jsToken
	ident := func(c byte) bool {
		return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := i + 2
			for j+1 < len(src) && !(src[j] == '*' && src[j+1] == '/') {
				j++
			}
			i = min(j+2, len(src))
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			var val []byte
			for j < len(src) && src[j] != c {
				if src[j] == '\\' && j+1 < len(src) {
					j++
				}
				val = append(val, src[j])
				j++
			}
			// A template with ${…} is code, not a literal.
			lit := c != '`' || !containsDollarBrace(val)
			out = append(out, jsToken{text: string(src[i:min(j+1, len(src))]), value: string(val), str: lit, off: i})
			i = j + 1
		case ident(c):
			j := i
			for j < len(src) && ident(src[j]) {
				j++
			}
			out = append(out, jsToken{text: string(src[i:j]), off: i})
			i = j
		default:
			out = append(out, jsToken{text: string(c), off: i})
			i++
		}
	}
	return out
}

func containsDollarBrace(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == '$' && b[i+1] == '{' {
			return true
		}
	}
	return false
}

// docsOff returns the offset of "false" in the classic preset's "docs:
// false", or -1.
func docsOff(toks []jsToken) int {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].text == "docs" && toks[i+1].text == ":" && toks[i+2].text == "false" {
			return toks[i+2].off
		}
	}
	return -1
}

// docsPath is the path option of the classic preset's docs (docs: {path:
// '…'}) and its offset, "" when it is not set; false when it is set to
// something other than a quoted string.
func docsPath(toks []jsToken) (string, int, bool) {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].text != "docs" || toks[i+1].text != ":" || toks[i+2].text != "{" {
			continue
		}
		depth := 0
		for j := i + 3; j < len(toks) && depth >= 0; j++ {
			switch toks[j].text {
			case "{", "[", "(":
				depth++
				continue
			case "}", "]", ")":
				depth--
				continue
			}
			if depth == 0 && toks[j].text == "path" && j+2 < len(toks) && toks[j+1].text == ":" {
				if !toks[j+2].str {
					return "", 0, false
				}
				return toks[j+2].value, toks[j+2].off, true
			}
		}
		return "", 0, true
	}
	return "", 0, true
}
