package qa_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// TestHTMLInTranslationIsAnErrorInEveryFormat: raw markup typed in a
// translation is an error whether the page is written from Markdown or
// not (an HTML document's page escapes it as much), unless the English
// shows the same text.
func TestHTMLInTranslationIsAnErrorInEveryFormat(t *testing.T) {
	seg := segment(t, "Hello <1>link</1> world.\n", 0)
	seg.Text = "Hello <1>link</1> world."
	for _, markdown := range []bool{true, false} {
		n := 0
		for _, p := range qa.Check(qa.Input{Markdown: markdown, Segment: seg, Translation: "Hola <1>enlace</1> ]]> </p><script>x</script> mundo.", Locale: "es-PE"}) {
			if p.Code == "html" && p.Severity == qa.Error {
				n++
			}
		}
		if n != 3 {
			t.Errorf("markdown %v: %d html errors, want 3", markdown, n)
		}
	}
	shown := segment(t, "Type <b> to bold.\n", 0)
	shown.Text = "Type <b> to bold."
	for _, p := range qa.Check(qa.Input{Segment: shown, Translation: "Escriban <b> para negrita.", Locale: "es-PE"}) {
		if p.Code == "html" {
			t.Errorf("markup the English shows too: %v", p)
		}
	}
}
