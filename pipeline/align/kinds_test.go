package align

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
)

// TestAlignMarkdownTitleToHTMLHeading: a Markdown page's first "# " is
// its title, an HTML page's <h1> a heading: the two are the same block,
// paired whatever the page's <title> says.
func TestAlignMarkdownTitleToHTMLHeading(t *testing.T) {
	en := extract(t, "en.md", "# Getting started\n\nInstall the tool now.\n\n## Usage\n\nRun it.\n")
	for _, head := range []string{"", "<head><title>Mi sitio</title></head>", "<head><title>Primeros pasos</title></head>"} {
		es, err := htmldoc.Format{}.Extract("es.html", []byte(`<html>`+head+`<body><h1>Primeros pasos</h1><p>Instale la herramienta ahora.</p><h2>Uso</h2><p>Ejecútela.</p></body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		r := Documents(en, es)
		got := map[string]string{}
		for _, p := range r.Pairs {
			got[p.ID] = p.Text
		}
		if title := en.Segments[0]; got[title.ID] != "Primeros pasos" {
			t.Errorf("head %q: %q got %q, left %v", head, title.Text, got[title.ID], r.Left)
		}
		if len(r.Pairs) != 4 {
			t.Errorf("head %q: pairs %v, left %v", head, r.Pairs, r.Left)
		}
	}
}

// TestAlignTableOfAnotherShapeIsDoubtful: a table the translation gives
// fewer cells (a column dropped) pairs its cells by length alone, which
// shifts them; no such pair passes as sure. A table of the same shape
// stays sure.
func TestAlignTableOfAnotherShapeIsDoubtful(t *testing.T) {
	en := "# Table\n\n| Command | Meaning | Since |\n| --- | --- | --- |\n| `ls` | list files | 1971 |\n| `cp` | copy files | 1971 |\n| `mv` | move files | 1971 |\n"
	es := "# Tabla\n\n| Comando | Significado |\n| --- | --- |\n| `ls` | listar archivos |\n| `mv` | mover archivos |\n"
	want := map[string]string{"Command": "Comando", "Meaning": "Significado", "list files": "listar archivos", "move files": "mover archivos"}
	s, tg := extract(t, "en.md", en), extract(t, "es.md", es)
	r := Documents(s, tg)
	text := map[string]string{}
	for _, seg := range s.Segments {
		text[seg.ID] = seg.Text
	}
	for _, p := range r.Pairs {
		if w, ok := want[text[p.ID]]; text[p.ID] != "Table" && (!ok || w != p.Text) && !p.Doubtful() {
			t.Errorf("%q paired with %q at %.2f: want it doubtful", text[p.ID], p.Text, p.Confidence)
		}
	}
	same := "# Tabla\n\n| Comando | Significado | Desde |\n| --- | --- | --- |\n| `ls` | listar archivos | 1971 |\n| `cp` | copiar archivos | 1971 |\n| `mv` | mover archivos | 1971 |\n"
	_, r = aligned(t, en, same)
	for _, p := range r.Pairs {
		if p.Doubtful() {
			t.Errorf("same shape: %v doubtful", p)
		}
	}
}

// TestMatchDocumentsFolderRenamed: --map docs=documentos pairs every
// document under docs/ with the one at the same path (or stem) under
// documentos/; a document's own rename wins over its folder's.
func TestMatchDocumentsFolderRenamed(t *testing.T) {
	got := MatchDocuments(
		[]string{"docs/a.md", "docs/sub/b.md", "docs/c.md", "docs/d.md", "docsx/e.md"},
		[]string{"documentos/a.md", "documentos/sub/b.html", "documentos/otro.md", "docsx/e.md", "c.md"},
		map[string]string{"docs/": "documentos/", "docs/c.md": "c.md"},
	)
	want := map[string]string{"docs/a.md": "documentos/a.md", "docs/sub/b.md": "documentos/sub/b.html", "docs/c.md": "c.md", "docsx/e.md": "docsx/e.md"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

// TestAlignRepeatedCellsKeepTheirPlace: a table whose cells repeat
// ("yes" in every row) is one message for them all, but each cell keeps
// its place in the alignment: the rows after a repeated cell do not
// shift onto it.
func TestAlignRepeatedCellsKeepTheirPlace(t *testing.T) {
	en := "# Features\n\n| Feature | Supported |\n| --- | --- |\n| Offline mode | yes |\n| Sync | yes |\n| Cloud backup | no |\n| Export | yes |\n| Dark theme | no |\n"
	es := "# Funciones\n\n| Función | Soportada |\n| --- | --- |\n| Modo sin conexión | sí |\n| Sincronización | sí |\n| Copia en la nube | no |\n| Exportar | sí |\n| Tema oscuro | no |\n"
	got, _ := aligned(t, en, es)
	expect(t, got, map[string]string{
		"Offline mode": "Modo sin conexión",
		"yes":          "sí",
		"Sync":         "Sincronización",
		"Cloud backup": "Copia en la nube",
		"no":           "no",
		"Export":       "Exportar",
		"Dark theme":   "Tema oscuro",
	})
}
