package align

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

func extract(t *testing.T, name, src string) *pipeline.Document {
	t.Helper()
	d, err := markdown.Format{}.Extract(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// aligned maps each source segment's text to its aligned translation, ""
// for one left.
func aligned(t *testing.T, src, tgt string) (map[string]string, Result) {
	t.Helper()
	s, tg := extract(t, "en.md", src), extract(t, "es.md", tgt)
	r := Documents(s, tg)
	text := map[string]string{}
	for _, seg := range s.Segments {
		text[seg.ID] = seg.Text
	}
	if len(r.Pairs)+len(r.Left) != len(text) {
		t.Fatalf("%d pairs and %d left for %d segments", len(r.Pairs), len(r.Left), len(text))
	}
	out := map[string]string{}
	for _, p := range r.Pairs {
		out[text[p.ID]] = p.Text
	}
	for _, l := range r.Left {
		out[text[l.ID]] = ""
	}
	return out, r
}

func expect(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	for en, es := range want {
		if got[en] != es {
			t.Errorf("%q\n got %q\nwant %q", en, got[en], es)
		}
	}
}

const guideEN = `# Installing the tools

The installer needs 2 GB of free space and a network connection.

Download it from https://example.org/get and check its signature.

## Running

Run <kbd>quipu</kbd> in the project folder.

- Open the *settings* page.
- Choose a locale.

## Getting help

Write to the list; answers come within 24 hours.
`

const guideES = `# Instalar las herramientas

El instalador necesita 2 GB de espacio libre y una conexión de red.

Descárguelo de https://example.org/get y verifique su firma.

## Ejecutar

Ejecute <kbd>quipu</kbd> en la carpeta del proyecto.

- Abra la página de *configuración*.
- Elija una configuración regional.

## Obtener ayuda

Escriba a la lista; las respuestas llegan en menos de 24 horas.
`

func TestAlignSameStructure(t *testing.T) {
	got, r := aligned(t, guideEN, guideES)
	expect(t, got, map[string]string{
		"Installing the tools":                             "Instalar las herramientas",
		"Open the <1>settings</1> page.":                   "Abra la página de <1>configuración</1>.",
		"Write to the list; answers come within 24 hours.": "Escriba a la lista; las respuestas llegan en menos de 24 horas.",
	})
	if len(r.Left) != 0 {
		t.Errorf("left %v, want none", r.Left)
	}
	for _, p := range r.Pairs {
		if p.Doubtful() {
			t.Errorf("%v: doubtful, want confident", p)
		}
	}
}

func TestAlignReorderedParagraphs(t *testing.T) {
	en := "# Notes\n\nThe bridge opened in 1998 after four years of work on the river.\n\nTickets cost 15 soles; see https://example.org/tickets for the hours.\n"
	es := "# Notas\n\nLos boletos cuestan 15 soles; vea https://example.org/tickets para el horario.\n\nEl puente se inauguró en 1998 tras cuatro años de obras sobre el río.\n"
	got, _ := aligned(t, en, es)
	expect(t, got, map[string]string{
		"The bridge opened in 1998 after four years of work on the river.": "El puente se inauguró en 1998 tras cuatro años de obras sobre el río.",
		"Tickets cost 15 soles; see <1/> for the hours.":                   "Los boletos cuestan 15 soles; vea <1/> para el horario.",
	})
}

func TestAlignParagraphSplitInTwo(t *testing.T) {
	en := "# Lima\n\nLima is the capital of Peru. It has about ten million inhabitants and lies on the Pacific coast.\n\nThe end.\n"
	es := "# Lima\n\nLima es la capital del Perú.\n\nTiene unos diez millones de habitantes y está en la costa del Pacífico.\n\nFin.\n"
	got, r := aligned(t, en, es)
	expect(t, got, map[string]string{
		"Lima is the capital of Peru. It has about ten million inhabitants and lies on the Pacific coast.": "Lima es la capital del Perú. Tiene unos diez millones de habitantes y está en la costa del Pacífico.",
		"The end.": "Fin.",
	})
	if len(r.Left) != 0 {
		t.Errorf("left %v", r.Left)
	}
}

// Two source paragraphs joined in one: each takes its sentences.
func TestAlignParagraphsJoinedShareSentences(t *testing.T) {
	en := "# Lima\n\nLima is the capital of Peru.\n\nIt has about ten million inhabitants and lies on the Pacific coast.\n\nThe end of this short page.\n"
	es := "# Lima\n\nLima es la capital del Perú. Tiene unos diez millones de habitantes y está en la costa del Pacífico.\n\nEl fin de esta breve página.\n"
	got, _ := aligned(t, en, es)
	expect(t, got, map[string]string{
		"Lima is the capital of Peru.":                                        "Lima es la capital del Perú.",
		"It has about ten million inhabitants and lies on the Pacific coast.": "Tiene unos diez millones de habitantes y está en la costa del Pacífico.",
		"The end of this short page.":                                         "El fin de esta breve página.",
	})
}

func TestAlignMissingSection(t *testing.T) {
	es := strings.Replace(guideES, "## Ejecutar\n\nEjecute <kbd>quipu</kbd> en la carpeta del proyecto.\n\n- Abra la página de *configuración*.\n- Elija una configuración regional.\n\n", "", 1)
	got, r := aligned(t, guideEN, es)
	expect(t, got, map[string]string{
		"Running":                        "",
		"Open the <1>settings</1> page.": "",
		"Choose a locale.":               "",
		"Getting help":                   "Obtener ayuda",
		"Write to the list; answers come within 24 hours.":                 "Escriba a la lista; las respuestas llegan en menos de 24 horas.",
		"The installer needs 2 GB of free space and a network connection.": "El instalador necesita 2 GB de espacio libre y una conexión de red.",
	})
	if len(r.Left) != 4 {
		t.Errorf("left %v, want the 4 segments of the missing section", r.Left)
	}
}

func TestAlignDifferentMarkupMapsTags(t *testing.T) {
	en := "# Links\n\nRead the [guide](https://example.org/guide) with **care** and run `make`.\n"
	es := "# Enlaces\n\nEjecute `make` y lea la [guía][g] con __cuidado__.\n\n[g]: https://example.org/guide\n"
	got, _ := aligned(t, en, es)
	expect(t, got, map[string]string{
		"Read the <1>guide</1> with <2>care</2> and run <3/>.": "Ejecute <3/> y lea la <1>guía</1> con <2>cuidado</2>.",
	})
}

func TestAlignUnmappableTagsLeaveUnit(t *testing.T) {
	en := "# Code\n\nRun `make test` before you commit the 3 files to the repository.\n"
	es := "# Código\n\nEjecute `go test` antes de confirmar los 3 archivos en el repositorio.\n"
	got, r := aligned(t, en, es)
	if got["Run <1/> before you commit the 3 files to the repository."] != "" {
		t.Errorf("a translation whose code differs was kept: %v", got)
	}
	if len(r.Left) != 1 || r.Left[0].Why != WhyTags {
		t.Errorf("left %v, want one for its tags", r.Left)
	}
}

func TestAlignLengthMismatchIsDoubtful(t *testing.T) {
	en := "# A\n\nShort.\n"
	es := "# A\n\nUna traducción muchísimo más larga de lo que cabría esperar para una sola palabra inglesa.\n"
	_, r := aligned(t, en, es)
	for _, p := range r.Pairs {
		if p.Text != "A" && !p.Doubtful() {
			t.Errorf("%v: want doubtful", p)
		}
	}
}

// A Spanish edition that left a paragraph in English offers no
// translation of it.
func TestAlignSourceLeftInEnglishIsNoTranslation(t *testing.T) {
	en := "# Tools\n\nUpdate the file to include the following lines.\n\nV:1, I:1\n"
	es := "# Herramientas\n\nUpdate the file to include the following lines.\n\nV:1, I:1\n"
	got, _ := aligned(t, en, es)
	expect(t, got, map[string]string{
		"Update the file to include the following lines.": "",
		"V:1, I:1": "V:1, I:1",
	})
}

// A translation in another format: HTML's <em>, <a> and <code> map onto
// the Markdown source's emphasis, link and code span.
func TestAlignAcrossFormats(t *testing.T) {
	en := extract(t, "en.md", "# Links\n\nRead the [guide](https://example.org/guide) with *care* and run `make`.\n\nThen rest for 5 minutes.\n")
	es, err := htmldoc.Format{}.Extract("es.html", []byte(`<html><head><title>Enlaces</title></head><body>
<p>Ejecute <code>make</code> y lea la <a href="https://example.org/guia">guía</a> con <em>cuidado</em>.</p>
<p>Luego descanse 5 minutos.</p>
</body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	r := Documents(en, es)
	got := map[string]string{}
	for _, p := range r.Pairs {
		got[p.ID] = p.Text
	}
	for _, seg := range en.Segments {
		want := map[string]string{
			"Links": "Enlaces",
			"Read the <1>guide</1> with <2>care</2> and run <3/>.": "Ejecute <3/> y lea la <1>guía</1> con <2>cuidado</2>.",
			"Then rest for 5 minutes.":                             "Luego descanse 5 minutos.",
		}[seg.Text]
		if got[seg.ID] != want {
			t.Errorf("%q: got %q, want %q", seg.Text, got[seg.ID], want)
		}
	}
}
