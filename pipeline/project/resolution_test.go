package project

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestCountsAgree: status, export's coverage and the build count the same
// messages translated, across formats, a segment repeated in a document,
// a translation the document refuses (tags moved where they would add
// markup, found only by assembling it) and a rejected tag.
func TestCountsAgree(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/a.md":   "# Hello\n\nRead the *guide* now.\n\nCall <span class=\"tel\">123</span> today.\n\nRead the *guide* now.\n",
		"content/b.html": "<html><head><title>News</title></head><body><h1>News</h1><p>See <a href=\"/s\">the story</a>.</p><p>Bye.</p></body></html>",
		"content/c.txt":  "Parks\n\nLima has parks.\n",
	}
	for rel, data := range files {
		name := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	translate := map[string]map[string]string{
		"a": {"Hello": "Hola", "Read the <1>guide</1> now.": "Lea la <1>guía</1> ya.", "Call <1/>123<2/> today.": "<1/>\\n<script>alert(1)</script> Llame al 123<2/> hoy."},
		"b": {"News": "Noticias", "See <1>the story</1>.": "Vea la nota."},
		"c": {"Parks": "Parques"},
	}
	sources, err := p.Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sources {
		name := p.Abs(p.MessagePath("es-PE", s))
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for en, es := range translate[tree.Stem(s.Rel)] {
			data = fill(t, data, en, es)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := p.Status(nil)
	if err != nil {
		t.Fatal(err)
	}
	var total Status
	for _, s := range st {
		total.Add(s)
	}
	// a: 3 messages (one paragraph twice), 1 refused by the document; b:
	// 3 (<title> and <h1> share one), 1 rejected (its link dropped); c: 2.
	if total.Total != 8 || total.Translated != 4 || total.Rejected != 2 || total.Missing != 2 {
		t.Fatalf("status %+v", total)
	}
	cov, err := p.Coverage([]string{"es-PE"}, sources, resolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := cov[0]; c.Segments != total.Total || c.Translated != total.Translated || c.Stale != total.Stale || c.Coverage != bundle.Percent(total.Translated, total.Total) {
		t.Errorf("coverage %+v, status %+v", c.Stats, total)
	}
	res, err := p.Build(BuildOptions{Locales: []string{"es-PE"}, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if res.Segments != total.Total || res.Untranslated["es-PE"] != total.Total-total.Translated {
		t.Errorf("build: %d segments, %d untranslated; status %+v", res.Segments, res.Untranslated["es-PE"], total)
	}
}

// fill writes a translation into the message whose English is en.
func fill(t *testing.T, data []byte, en, es string) []byte {
	t.Helper()
	s := string(data)
	at := strings.Index(s, "#. en: "+en+"\n")
	if at < 0 {
		t.Fatalf("no message %q in\n%s", en, s)
	}
	empty := strings.Index(s[at:], `other = ""`)
	if empty < 0 {
		t.Fatalf("no empty value after %q", en)
	}
	i := at + empty + len(`other = `)
	return []byte(s[:i] + `"` + es + `"` + s[i+2:])
}
