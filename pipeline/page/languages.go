package page

import (
	"bytes"
	"html/template"
)

// languages holds the parts of the page that link a document's versions,
// for documents that are pages already (HTML documents): the same markup
// as the page template's.
var languages = template.Must(template.ParseFS(templates, "templates/languages.html"))

// Alternates renders the <link rel="alternate" hreflang> of every locale
// in d.Alternates and of x-default, one a line, for a page's <head>.
func Alternates(d Data) []byte { return execute("alternates", d) }

// Switcher renders the language switcher (a <nav> listing d.Alternates,
// labelled by d.Chrome.LanguageLabel), for the top of a page's <body>.
func Switcher(d Data) []byte { return execute("switcher", d) }

func execute(name string, d Data) []byte {
	var b bytes.Buffer
	if err := languages.ExecuteTemplate(&b, name, d); err != nil {
		panic(err) // the templates are quipu's own and take no input that can fail
	}
	return b.Bytes()
}
