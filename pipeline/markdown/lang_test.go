package markdown_test

import (
	"bytes"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// TestMarkSourceLang: the blocks of a translated page that keep their
// English get lang="en" (a tight list item on its <li>, its translated
// sub-items getting the page's language back); the others are untouched.
func TestMarkSourceLang(t *testing.T) {
	src := []byte("# Title\n\nFirst paragraph.\n\n> Quoted text.\n\n- Item one\n  - Sub item\n- Item two\n\n| Head | Other |\n| --- | --- |\n| `x` cell | Cell two |\n")
	doc, err := markdown.Extract("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	tr := map[string]string{
		"Title":        "Título",
		"Quoted text.": "Texto citado.",
		"Sub item":     "Subelemento",
		"Item two":     "Elemento dos",
		"Head":         "Cabecera",
		"Other":        "Otra",
		"Cell two":     "Celda dos",
	}
	translator := func(s *pipeline.Segment) (string, bool) { v, ok := tr[s.Text]; return v, ok }
	out, root, rej, _ := markdown.Localize(doc, translator)
	if len(rej) > 0 {
		t.Fatal(rej)
	}
	var english []*pipeline.Segment
	for _, seg := range doc.Segments {
		if _, ok := tr[seg.Text]; !ok {
			english = append(english, seg)
		}
	}
	if !markdown.MarkSourceLang(markdown.Parse(src), root, english, "en", "es-PE") {
		t.Fatal("nothing marked")
	}
	var b bytes.Buffer
	if err := markdown.Renderer().Render(&b, out, root); err != nil {
		t.Fatal(err)
	}
	want := `<h1>Título</h1>
<p lang="en">First paragraph.</p>
<blockquote>
<p>Texto citado.</p>
</blockquote>
<ul>
<li lang="en">Item one
<ul>
<li lang="es-PE">Subelemento</li>
</ul>
</li>
<li>Elemento dos</li>
</ul>
<table>
<thead>
<tr>
<th>Cabecera</th>
<th>Otra</th>
</tr>
</thead>
<tbody>
<tr>
<td lang="en"><code>x</code> cell</td>
<td>Celda dos</td>
</tr>
</tbody>
</table>
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if markdown.MarkSourceLang(markdown.Parse(src), markdown.Parse(out), nil, "en", "es-PE") {
		t.Error("marked with nothing in English")
	}
}
