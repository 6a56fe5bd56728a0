package tm_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

func TestLookups(t *testing.T) {
	m := tm.New()
	m.Add(tm.Entry{Source: "Create an archive from files:", Target: "Crear un archivo a partir de ficheros:", ID: "a"})
	m.Add(tm.Entry{Source: "Create an archive from files:", Target: "Crear un archivo desde archivos:", ID: "b", Reviewed: true})
	m.Add(tm.Entry{Source: "List the contents of an archive:", Target: "Listar el contenido de un archivo:", ID: "c"})

	e, ok := m.Exact("Create an archive from files:")
	if !ok || e.ID != "b" {
		t.Errorf("Exact = %+v, %v; want the reviewed entry b", e, ok)
	}
	if _, ok := m.Exact("Create an archive"); ok {
		t.Error("Exact matched a different text")
	}
	got := m.Fuzzy("Create an archive from directories:", 0.75, 3)
	if len(got) != 1 || got[0].ID != "b" || got[0].Score < 0.75 || got[0].Score >= 1 {
		t.Errorf("Fuzzy = %+v, want b with a score in [0.75, 1)", got)
	}
	if got := m.Fuzzy("Do not create an archive:", 0.9, 3); len(got) != 0 {
		t.Errorf("Fuzzy above 90%% = %+v, want nothing", got)
	}
}

func TestTMXIsWellFormed(t *testing.T) {
	phs := []pipeline.Placeholder{{Kind: pipeline.Paired, Open: "*", Close: "*"}, {Kind: pipeline.Standalone, Open: "`tar <x>`"}}
	var buf bytes.Buffer
	err := tm.WriteTMX(&buf, "en", "es-PE", "1.0", []tm.Entry{{
		Source: "Use <1>this</1> & <2/>", Target: "Usen <1>esto</1> y <2/>", ID: "use-this", Doc: "a.md", Placeholders: phs,
	}}, tm.TagsCodes)
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		_, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("TMX is not well-formed: %v\n%s", err, out)
			}
			break
		}
	}
	for _, want := range []string{`<tuv xml:lang="es-PE"><seg>Usen <bpt i="1" x="1">*</bpt>esto<ept i="1">*</ept> y <ph x="2">`, "`tar &lt;x&gt;`</ph>", `Use <bpt i="1" x="1">*</bpt>this<ept i="1">*</ept> &amp; `} {
		if !strings.Contains(out, want) {
			t.Errorf("TMX lacks %q:\n%s", want, out)
		}
	}
}

// TestTMXTextTagsMatchPO: with tags as text, a TMX segment holds exactly
// the text a PO msgid shows, so a CAT tool's memory matches tagged
// segments of PO files.
func TestTMXTextTagsMatchPO(t *testing.T) {
	phs := []pipeline.Placeholder{{Kind: pipeline.Paired, Open: "*", Close: "*"}}
	var buf bytes.Buffer
	if err := tm.WriteTMX(&buf, "en", "es-PE", "1.0", []tm.Entry{{
		Source: "Use <1>this</1> & that", Target: "Usen <1>esto</1> y aquello", ID: "use-this", Doc: "a.md", Placeholders: phs,
	}}, tm.TagsText); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		TUs []struct {
			TUVs []struct {
				Seg string `xml:"seg"`
			} `xml:"tuv"`
		} `xml:"body>tu"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.TUs) != 1 || len(doc.TUs[0].TUVs) != 2 {
		t.Fatalf("want one unit of two variants:\n%s", buf.String())
	}
	if got := doc.TUs[0].TUVs[0].Seg; got != "Use <1>this</1> & that" {
		t.Errorf("source segment %q, want the text the PO msgid shows", got)
	}
	if got := doc.TUs[0].TUVs[1].Seg; got != "Usen <1>esto</1> y aquello" {
		t.Errorf("target segment %q", got)
	}
}
