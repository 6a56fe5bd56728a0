// Package exchangetest builds the document and message file that the
// XLIFF and PO tests share: every kind of markup, every state.
package exchangetest

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// Article has paired and standalone markup, a paragraph over several
// lines with a hard line break, template braces, quotes and backslashes.
const Article = `# A *title* for "Peru"

First *paragraph* with ` + "`code`" + `, a [link](https://example.com/a?b=1&c=2 "t") and {{path}}.
Second line with <b>bold</b> HTML and a hard break\
third line, long enough that a PO file has to wrap it over more than one line of text.

Second paragraph, once different.

- An item with **strong** text and <https://example.com>
- An untranslated item with a back\\slash
`

// Fixture returns the article, its es-PE message file (title and first
// paragraph translated, the first paragraph reviewed, the second fuzzy, a
// translator's comment, the list untranslated) and its exchange form.
func Fixture(tb testing.TB) (*pipeline.Document, *catalog.File, *exchange.File) {
	tb.Helper()
	doc, err := markdown.Extract("content/a.md", []byte(Article))
	if err != nil {
		tb.Fatal(err)
	}
	f, _, _ := catalog.Sync(doc, nil, "locales/es-PE/a.es-PE.toml", "es-PE", catalog.Options{})
	set := func(i int, text string, state catalog.State) {
		f.Messages[i].Other, f.Messages[i].State = text, state
	}
	set(0, `Un <1>título</1> para el "Perú"`, catalog.Translated)
	set(1, "Primer <1>párrafo</1> con <2/>, un <3>enlace</3> y {{path}}.\nSegunda línea con <4/>negrita<5/> en HTML y un salto<6/>tercera línea, tan larga que un archivo PO tiene que partirla en más de una línea.", catalog.Reviewed)
	set(2, "Segundo párrafo.", catalog.Stale)
	f.Messages[2].Previous = "Second paragraph, as it was."
	f.Messages[1].Comments = []string{" «enlace», not «link»"}
	annotate := func(seg *pipeline.Segment, m *catalog.Message) []string {
		if seg.Kind == pipeline.KindTitle {
			return []string{"glossary: Peru → Perú"}
		}
		return nil
	}
	return doc, f, exchange.New(doc, f, "en", annotate)
}
