package page

import (
	"html/template"
	"strings"

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
