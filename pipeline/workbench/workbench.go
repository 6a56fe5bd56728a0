// Package workbench renders the translator's workbench page that `quipu serve` shows at /edit/{locale}/{doc}.
package workbench

import (
	"html/template"
	"io"
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

var page = template.Must(template.New("workbench").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="quipu-token" content="{{.Token}}">
<title>{{.Doc}} · {{.Locale}} · quipu</title></head>
<body data-locale="{{.Locale}}" data-doc="{{.Doc}}"><h1>{{.Doc}} ({{.Locale}})</h1></body></html>
`))

// Render writes the workbench page for one document in one locale.
func Render(w io.Writer, d Data) error { return page.Execute(w, d) }
