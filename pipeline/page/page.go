// Package page wraps a localized document body in a complete HTML page:
// language, title and description, alternates for the other locales, a
// language switcher, a table of contents and a readable stylesheet.
package page

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"
)

//go:embed templates/page.html templates/languages.html
var templates embed.FS

var defaultTemplate = template.Must(template.ParseFS(templates, "templates/page.html"))

// Template is a page template and its source, which builds fingerprint.
type Template struct {
	t      *template.Template
	Source []byte
}

// LoadTemplate returns the page template: dir/page.html when the project
// has one (an html/template receiving Data), else the built-in one.
func LoadTemplate(dir string) (*Template, error) {
	if dir != "" {
		path := filepath.Join(dir, "page.html")
		src, err := os.ReadFile(path)
		if err == nil {
			t, err := template.New("page.html").Parse(string(src))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return &Template{t, src}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return &Template{defaultTemplate, TemplateSource()}, nil
}

// IDs returns the ids the template's own elements have, which headings
// must not take.
func (t *Template) IDs() []string {
	if t == nil {
		return nil
	}
	return idsIn(t.Source)
}

// Execute renders a page, with the typography of its language.
func (t *Template) Execute(w io.Writer, d Data) error { return t.t.Execute(w, typeset(d)) }

// Alternate is the same document in another locale.
type Alternate struct {
	Lang    string // BCP 47 tag, e.g. es-PE
	Name    string // the language's own name, e.g. "Español (Perú)"
	Href    string // relative URL of the page
	Current bool
}

// Data is what the template needs.
type Data struct {
	Lang        string
	Title       string
	Description string
	// Canonical is the page's own URL; XDefault the URL of the page for
	// readers whose language has none (the source locale's).
	Canonical, XDefault string
	// OGLocale is the Open Graph form of Lang (es_PE); OGAlternates of the
	// other locales.
	OGLocale     string
	OGAlternates []string
	Alternates   []Alternate
	// Heading is the document's title heading and Body the rest, rendered
	// from the document: translated text in them is already escaped.
	Heading, Body template.HTML
	// TOC lists the second-level headings of a long article.
	TOC    []Heading
	Chrome Chrome
	// Foreign are expressions of another language (the source's) that
	// the page sets in italics, marked with that language (ForeignLang).
	Foreign     []string
	ForeignLang string
}

// OGLocale turns a BCP 47 tag into Open Graph's language_TERRITORY form,
// the territory guessed by x/text where the tag has none: es-PE → es_PE,
// en → en_US.
func OGLocale(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return strings.ReplaceAll(tag, "-", "_")
	}
	base, _ := t.Base()
	region, _ := t.Region()
	return base.String() + "_" + region.String()
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
