package serve_test

import (
	"bytes"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestBlankTranslationPublishesTheEnglish: a translation of only
// whitespace, saved through the API or by hand, is untranslated: the
// page shows the English, never a blank heading.
func TestBlankTranslationPublishesTheEnglish(t *testing.T) {
	root := seedProject(t)
	_, c := start(t, root)
	d := c.messages("es-PE", seedDoc)
	var m apiMessage
	for _, x := range d.Messages {
		if x.Kind == "heading" && !strings.Contains(x.Source, "<") {
			m = x
			break
		}
	}
	if m.ID == "" {
		t.Fatal("no heading")
	}
	code, body := c.do("PUT", msgPath(seedDoc)+url.PathEscape(m.ID), map[string]string{"text": " \t", "version": m.Version}, c.token)
	if code != 200 || !bytes.Contains(body, []byte(`"state":"untranslated"`)) {
		t.Fatalf("PUT blank: %d %s", code, body)
	}
	if _, page := c.get("/es-PE/" + seedDoc + ".html"); !bytes.Contains(page, []byte(html.EscapeString(m.Source))) {
		t.Errorf("the page does not show the English %q", m.Source)
	}

	// The same by hand, then read by a new server (a build's code path).
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	data, _ := os.ReadFile(file)
	data, err := catalog.SetMessage(data, m.ID, "  ", catalog.Translated)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, data, 0o644)
	_, c2 := start(t, root)
	if _, page := c2.get("/es-PE/" + seedDoc + ".html"); !bytes.Contains(page, []byte(html.EscapeString(m.Source))) {
		t.Errorf("hand-edited blank: the page does not show the English %q", m.Source)
	}
	for _, x := range c2.messages("es-PE", seedDoc).Messages {
		if x.ID == m.ID && x.State != "untranslated" {
			t.Errorf("hand-edited blank is %s", x.State)
		}
	}
}

// TestHTMLTypedInAnHTMLDocumentIsRefused: raw markup in a translation is
// a 422 in an HTML document as in a Markdown one.
func TestHTMLTypedInAnHTMLDocumentIsRefused(t *testing.T) {
	root := seedProject(t)
	os.WriteFile(filepath.Join(root, "content", "b.html"), []byte("<!DOCTYPE html>\n<html><head><title>B</title></head><body>\n<p>Hello <a href=\"https://example.com\">link</a> world.</p>\n</body></html>\n"), 0o644)
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	_, c := start(t, root)
	var m apiMessage
	for _, x := range c.messages("es-PE", "b").Messages {
		if strings.Contains(x.Source, "<1>") {
			m = x
		}
	}
	if m.ID == "" {
		t.Fatal("no tagged message in b.html")
	}
	file := filepath.Join(root, "locales", "es-PE", "b.es-PE.toml")
	orig, _ := os.ReadFile(file)
	code, body := c.do("PUT", msgPath("b")+url.PathEscape(m.ID), map[string]string{"text": "Hola <1>enlace</1> ]]> </p><script>x</script> mundo.", "version": m.Version}, c.token)
	if code != 422 || !bytes.Contains(body, []byte(`"code":"html"`)) {
		t.Errorf("%d %s", code, body)
	}
	if now, _ := os.ReadFile(file); !bytes.Equal(now, orig) {
		t.Error("the message file changed")
	}
}

// TestDroppedEmphasisIsRefusedBySave: a save that drops a tag, even one
// check only warns of (emphasis), is a 422 and writes nothing; the draft
// check still says it as a warning.
func TestDroppedEmphasisIsRefusedBySave(t *testing.T) {
	root := guideProject(t)
	_, c := start(t, root)
	var m apiMessage
	for _, x := range c.messages("es-PE", "guide/start").Messages {
		if strings.Contains(x.Source, "<1>manual</1>") {
			m = x
		}
	}
	if m.ID == "" {
		t.Fatal("no emphasis")
	}
	text := strings.NewReplacer("<1>", "", "</1>", "", "Read the", "Lean el", "and the", "y el", "site", "sitio").Replace(m.Source)
	code, body := c.do("POST", msgPath("guide/start")+url.PathEscape(m.ID)+"/check", map[string]string{"text": text}, c.token)
	if code != 200 || !bytes.Contains(body, []byte(`"severity":"warning","code":"tag-missing"`)) {
		t.Fatalf("check: %d %s", code, body)
	}
	file := filepath.Join(root, "locales", "es-PE", "guide", "start.es-PE.toml")
	orig, _ := os.ReadFile(file)
	code, body = c.do("PUT", msgPath("guide/start")+url.PathEscape(m.ID), map[string]string{"text": text, "version": m.Version}, c.token)
	if code != 422 || !bytes.Contains(body, []byte(`"code":"tag-missing"`)) {
		t.Errorf("save: %d %s", code, body)
	}
	if now, _ := os.ReadFile(file); !bytes.Equal(now, orig) {
		t.Error("the message file changed")
	}
}
