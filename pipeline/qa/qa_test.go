package qa_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

const gloss = `
[[term]]
en = "drug trafficking"
es = "narcotráfico"
pos = "noun"

[[term]]
en = "CSL"
es = "CSL"
pos = "acronym"
translate = false
`

func segment(t *testing.T, md string, i int) *pipeline.Segment {
	t.Helper()
	doc, err := markdown.Extract("a.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	return doc.Segments[i]
}

func TestChecks(t *testing.T) {
	g, err := glossary.Parse("g.toml", []byte(gloss))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, source, translation string
		want                      string // a code that must be found; "" means no finding at all
	}{
		{"clean", "Are you *curious*? Well, you're not alone!", "¿Les da <1>curiosidad</1>? ¡Pues no son los únicos!", ""},
		{"tag missing", "Are you *curious*?", "¿Les da curiosidad?", "tag-missing"},
		{"tag unknown", "Are you *curious*?", "¿Les da <1>curiosidad</1><2/>?", "tag-unknown"},
		{"tag unbalanced", "A *b* `c`.", "Una <1>b <2/>.", "tag-unbalanced"},
		{"number", "It costs 1,234.56 dollars today.", "Cuesta 1,234.5 dólares hoy.", "number"},
		{"ordinal as roman", "Throughout the 20th century, it grew.", "A lo largo del siglo XX, creció.", ""},
		{"url written over its tag", "See https://example.org/a for more.", "Vean https://example.org/b para más.", "url-added"},
		{"glossary", "They fight drug trafficking every day.", "Combaten el tráfico de drogas cada día.", "glossary"},
		{"glossary inflected", "They fight drug trafficking every day.", "Combaten el narcotráfico cada día.", ""},
		{"do not translate", "CSLs allow it.", "Las UBC lo permiten.", "do-not-translate"},
		{"unpaired question", "Why is this important?", "Por qué es importante esto?", "unpaired-?"},
		{"unpaired exclamation", "Share it!", "¡Compártanlo", "unpaired-¡"},
		{"final punctuation", "Share this article.", "Compartan este artículo", "final-punctuation"},
		{"identical", "Share this article with your friends.", "Share this article with your friends.", "identical"},
		{"double word", "Share this article.", "Compartan este este artículo.", "double-word"},
		{"double space", "Share this article.", "Compartan  este artículo.", "double-space"},
		{"length", "Share this article with your friends today.", "Sí.", "length"},
		{"leading hash", "Share this article.", "# Compartan este artículo.", "markdown-block"},
		{"leading list", "Share this article.", "- Compartan este artículo.", "markdown-block"},
		{"leading number", "Share this article.", "1. Compartan este artículo.", "markdown-block"},
		{"blank line", "Share this article.", "Compartan\n\neste artículo.", "markdown-blank-line"},
		{"footnote definition on a second line", "The first paragraph has\ntwo lines.", "El primer párrafo tiene\n[^9]: ESTE TEXTO DESAPARECE", "markdown-block"},
		{"link reference definition on a second line", "The first paragraph has\ntwo lines.", "El primer párrafo\n[x]: /oculto", "markdown-block"},
		{"definition on a second line", "The first paragraph has\ntwo lines.", "El primer párrafo\n: una definición", "markdown-block"},
		{"html", "Share this article.", "Compartan <b>este</b> artículo.", "html"},
		{"inline markdown", "Share this article.", "Compartan **este** artículo.", "markdown-inline"},
		{"vosotros", "Share this article.", "Compartid este artículo, os lo pido.", "vosotros"},
		{"EE.UU.", "The US is big.", "EE.UU. es grande.", "eeuu"},
		{"euro numbers", "It costs 1,234.56 dollars.", "Cuesta 1.234,56 dólares.", "number-format"},
		{"straight quotes", "What does presence mean?", `¿Qué significa "presencia"?`, "quotes"},
		{"whitespace", "Share this article.", " Compartan este artículo.", "whitespace-leading"},
		{"brackets", "Share it (now).", "Compártanlo (ya.", "brackets"},
		{"start case", "Share this article.", "compartan este artículo.", "start-case"},
		{"start case after ¿", "Why now?", "¿Por qué ahora?", ""},
		{"url added", "Write to us any day.", "Escríbanos a https://evil.example/x cualquier día.", "url-added"},
		{"www address added", "Write to us any day.", "Escríbanos a www.evil.example cualquier día.", "url-added"},
		{"e-mail address added", "Write to us any day.", "Escríbanos a mail@evil.example cualquier día.", "url-added"},
		{"url kept", "Write to https://example.org/a today.", "Escriban a <1/> hoy.", ""},
		{"right-to-left override", "Open the file.", "Abran el archivo \u202egnp.exe.", "bidi-control"},
		{"first strong isolate", "Open the file.", "Abran el archivo \u2068x\u2069.", "bidi-control"},
		{"zero-width space", "Open the file.", "Abran el ar\u200bchivo.", "zero-width"},
		{"word joiner", "Open the file.", "Abran el ar\u2060chivo.", "zero-width"},
		{"bell", "Open the file.", "Abran el archivo.\a", "control-char"},
		{"C1 control", "Open the file.", "Abran el\u0085 archivo.", "control-char"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg := segment(t, tt.source+"\n", 0)
			got := qa.Check(qa.Input{Markdown: true, Segment: seg, Translation: tt.translation, Locale: "es-PE", Glossary: g})
			var codes []string
			for _, p := range got {
				codes = append(codes, p.Code)
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Errorf("want no finding, got %v", got)
				}
				return
			}
			if !slices.Contains(codes, tt.want) {
				t.Errorf("want %s among %v", tt.want, got)
			}
		})
	}
}

func TestTableCellPipe(t *testing.T) {
	seg := segment(t, "| a | b |\n|---|---|\n| one cell | two |\n", 2)
	got := qa.Check(qa.Input{Markdown: true, Segment: seg, Translation: "una | celda", Locale: "es-PE"})
	if !slices.ContainsFunc(got, func(p pipeline.Problem) bool { return p.Code == "markdown-table-pipe" && p.Offset == 4 }) {
		t.Errorf("want markdown-table-pipe at offset 4, got %v", got)
	}
}

// TestURLAltered protects the check of URLs written as text in the source
// (an HTML document's text; Markdown's become tags): one missing from the
// translation, or changed, is an error.
func TestURLAltered(t *testing.T) {
	seg := &pipeline.Segment{Text: "See https://example.org/a for more."}
	got := qa.Check(qa.Input{Segment: seg, Translation: "Vean https://example.org/b para más.", Locale: "es-PE"})
	var codes []string
	for _, p := range got {
		codes = append(codes, p.Code)
	}
	if !slices.Contains(codes, "url") || !slices.Contains(codes, "url-added") {
		t.Errorf("codes %v, want url and url-added", codes)
	}
}

// TestRunAnotherCheck protects the extension point: a check written
// outside the package runs with quipu's own, sees the translation with and
// without tags, and its findings are sorted in with theirs.
func TestRunAnotherCheck(t *testing.T) {
	seg := &pipeline.Segment{Text: "Read <1>this</1>.", Placeholders: []pipeline.Placeholder{{Kind: pipeline.Paired, Open: "*", Close: "*"}}}
	noLima := func(tr *qa.Translation) {
		if tr.PlainText != "Lea esto en Lima." {
			t.Errorf("PlainText %q", tr.PlainText)
		}
		if i := strings.Index(tr.Text, "Lima"); i >= 0 {
			tr.Report(i, qa.Warning, "no-lima", "say %q", "la capital")
		}
	}
	got := qa.Run(qa.Input{Segment: seg, Translation: "Lea <1>esto</1> en Lima.", Locale: "es-PE"}, append(slices.Clone(qa.Checks), noLima))
	if len(got) == 0 || got[len(got)-1].Code != "no-lima" || got[len(got)-1].Offset != 19 || got[len(got)-1].Msg != `say "la capital"` {
		t.Errorf("findings %+v, want no-lima at 19 last", got)
	}
}

// TestInvisibleSeverity: a bidi control a translation adds is an error, a
// zero-width character a warning, each at its offset; the source's own
// are not reported.
func TestInvisibleSeverity(t *testing.T) {
	seg := segment(t, "Open the file.\n", 0)
	sev := map[string]string{}
	for _, p := range qa.Check(qa.Input{Segment: seg, Translation: "Abran\u200d el \u202earchivo.", Locale: "es-PE"}) {
		sev[p.Code] = fmt.Sprintf("%s@%d", p.Severity, p.Offset)
	}
	if sev["zero-width"] != "warning@5" || sev["bidi-control"] != "error@12" {
		t.Errorf("got %v", sev)
	}
	seg = segment(t, "Open the \u202efile.\n", 0)
	for _, p := range qa.Check(qa.Input{Segment: seg, Translation: "Abran el \u202earchivo.", Locale: "es-PE"}) {
		if p.Code == "bidi-control" {
			t.Errorf("the source's own bidi control reported: %v", p)
		}
	}
}
