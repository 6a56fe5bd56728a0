package page

import (
	"html"
	"html/template"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/text/language"
)

// typesetters are the typographic rules of a language's pages, applied to
// the words the reader sees, never to the message files: a translator
// types "EE. UU." and the page keeps it on one line.
var typesetters = map[language.Base]*strings.Replacer{
	// RAE (Ortografía 2010, 4.2.4.1.4): the letters of an abbreviation
	// such as "EE. UU." must not be split across lines.
	language.MustParseBase("es"): strings.NewReplacer("EE. UU.", "EE.\u00a0UU."),
}

// typeset applies the rules of the page's language to its text.
func typeset(d Data) Data {
	tag, err := language.Parse(d.Lang)
	if err != nil {
		return d
	}
	if len(d.Foreign) > 0 {
		d.Heading = italicize(d.Heading, d.Foreign, d.ForeignLang)
		d.Body = italicize(d.Body, d.Foreign, d.ForeignLang)
	}
	base, _ := tag.Base()
	r := typesetters[base]
	if r == nil {
		return d
	}
	d.Title = r.Replace(d.Title)
	d.Description = r.Replace(d.Description)
	d.Heading = template.HTML(r.Replace(string(d.Heading)))
	d.Body = template.HTML(r.Replace(string(d.Body)))
	toc := make([]Heading, len(d.TOC))
	for i, h := range d.TOC {
		h.Text = r.Replace(h.Text)
		toc[i] = h
	}
	d.TOC = toc
	return d
}

// italicize sets each foreign expression in the text of rendered HTML in
// italics, marked with its language so screen readers switch voice too
// (<i lang="en">). Only text is touched: tags, attributes and the text of
// code, scripts and elements already in italics are copied as they are.
func italicize(h template.HTML, foreign []string, lang string) template.HTML {
	src := string(h)
	found := false
	for _, f := range foreign {
		if f != "" && strings.Contains(src, html.EscapeString(f)) {
			found = true
		}
	}
	if !found {
		return h
	}
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(src))
	skip := 0 // depth inside code, pre, script, style, i, em
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		switch tt {
		case xhtml.StartTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "code", "pre", "script", "style", "i", "em", "a":
				if tt == xhtml.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
		case xhtml.TextToken:
			if skip == 0 {
				for _, f := range foreign {
					if f == "" {
						continue
					}
					e := html.EscapeString(f)
					raw = strings.ReplaceAll(raw, e, `<i lang="`+html.EscapeString(lang)+`">`+e+`</i>`)
				}
			}
		}
		b.WriteString(raw)
	}
	return template.HTML(b.String())
}
