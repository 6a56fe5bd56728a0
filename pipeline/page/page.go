// Package page wraps a localized document body in a complete HTML page:
// language, title, alternates for the other locales and a stylesheet.
package page

import (
	"embed"
	"html/template"
	"io"
	"strings"
)

//go:embed templates/page.html
var templates embed.FS

var defaultTemplate = template.Must(template.ParseFS(templates, "templates/page.html"))

// Alternate is the same document in another locale.
type Alternate struct {
	Lang    string // BCP 47 tag, e.g. es-PE
	Name    string // the language's own name, e.g. "Español (Perú)"
	Href    string // relative URL of the page
	Current bool
}

// Data is what the template needs.
type Data struct {
	Lang       string
	Title      string
	Body       template.HTML // rendered from the document; translated text in it is already escaped
	Alternates []Alternate
}

// Render writes the page.
func Render(w io.Writer, d Data) error {
	return defaultTemplate.Execute(w, d)
}

// LanguageName returns the name of a locale in its own language, for the
// language switcher.
func LanguageName(tag string) string {
	switch strings.ToLower(tag) {
	case "en":
		return "English"
	case "en-us":
		return "English (US)"
	case "es":
		return "Español"
	case "es-pe":
		return "Español (Perú)"
	case "es-419":
		return "Español (Latinoamérica)"
	case "qps":
		return "Pseudo"
	}
	return tag
}

// TemplateSource returns the page template's text, so builds can tell
// when it changed.
func TemplateSource() []byte {
	b, _ := templates.ReadFile("templates/page.html")
	return b
}
