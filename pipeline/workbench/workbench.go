// Package workbench renders the translator's workbench page that `quipu serve` shows at /edit/{locale}/{doc}.
package workbench

import (
	"crypto/rand"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"strings"
)

// Data is what the workbench page needs from the server; everything else
// it reads through the JSON API under /api/.
type Data struct {
	Locale string // the locale being translated, e.g. es-PE
	Doc    string // the document's path under content/, without its extension
	// Token is the per-run secret the page sends as X-Quipu-Token on
	// every write; it is printed nowhere else.
	Token   string
	Locales []string // the project's target locales, for the locale menu
	Docs    []string // the project's documents, for the document menu
}

// The page, its style and its script ship inside the binary: the
// workbench works offline and loads nothing from another origin.
var (
	//go:embed page.html
	pageHTML string
	//go:embed workbench.css
	pageCSS string
	//go:embed tags.js
	tagsJS string
	//go:embed draw.js
	drawJS string
	//go:embed aids.js
	aidsJS string
	//go:embed workbench.js
	pageJS string
)

// EventsJS is the shared worker served at /events.js: one event stream for
// every tab of the site, each tab's page and workbench listening to it,
// so that tabs past the browser's six connections to one server still load.
//
//go:embed events.js
var EventsJS string

var page = template.Must(template.New("workbench").Parse(pageHTML))

// view is Data plus what each rendering adds: a fresh nonce, so the page's
// Content-Security-Policy lets only its own inline script and style run
// (a translation that slipped into the markup still could not execute).
type view struct {
	Data
	Nonce string
	CSS   template.CSS
	JS    template.JS
}

// Render writes the workbench page for one document in one locale.
func Render(w io.Writer, d Data) error {
	var b [18]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	return page.Execute(w, view{
		Data:  d,
		Nonce: base64.RawURLEncoding.EncodeToString(b[:]),
		CSS:   template.CSS(pageCSS),
		JS:    template.JS(strings.Join([]string{tagsJS, drawJS, aidsJS, pageJS}, "\n")),
	})
}
