package placeholder_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// TestDroppedContentTagIsAnError: dropping a link, an image, code or an
// autolink loses what the reader needed, so the translation is rejected;
// dropping emphasis is sometimes right, so it stays a warning.
func TestDroppedContentTagIsAnError(t *testing.T) {
	md := "Read *this* [guide](https://example.com), see ![map](map.png), run `ls` or mail <a@b.example> **now**.\n"
	doc, err := markdown.Extract("a.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	seg := doc.Segments[0]
	if seg.Text != "Read <1>this</1> <2>guide</2>, see <3>map</3>, run <4/> or mail <5/> <6>now</6>." {
		t.Fatalf("segment %q", seg.Text)
	}
	for _, tc := range []struct {
		translation string
		code        string
		severity    pipeline.Severity
	}{
		{"Lea esta <2>guía</2>, vea el <3>mapa</3>, ejecute <4/> o escriba a <5/> <6>ya</6>.", placeholder.CodeMissing, pipeline.SeverityWarning},
		{"Lea <1>esta</1> guía, vea el <3>mapa</3>, ejecute <4/> o escriba a <5/> <6>ya</6>.", placeholder.CodeMissingContent, pipeline.SeverityError},
		{"Lea <1>esta</1> <2>guía</2>, vea el mapa, ejecute <4/> o escriba a <5/> <6>ya</6>.", placeholder.CodeMissingContent, pipeline.SeverityError},
		{"Lea <1>esta</1> <2>guía</2>, vea el <3>mapa</3>, ejecute ls o escriba a <5/> <6>ya</6>.", placeholder.CodeMissingContent, pipeline.SeverityError},
		{"Lea <1>esta</1> <2>guía</2>, vea el <3>mapa</3>, ejecute <4/> o escriba <6>ya</6>.", placeholder.CodeMissingContent, pipeline.SeverityError},
		{"Lea <1>esta</1> <2>guía</2>, vea el <3>mapa</3>, ejecute <4/> o escriba a <5/> ya.", placeholder.CodeMissing, pipeline.SeverityWarning},
	} {
		probs := placeholder.Check(placeholder.Parse(tc.translation), seg.Placeholders)
		if len(probs) != 1 || probs[0].Code != tc.code || probs[0].Severity != tc.severity {
			t.Errorf("%q: %+v, want one %s %s", tc.translation, probs, tc.severity, tc.code)
		}
		if placeholder.HasErrors(probs) != (tc.severity == pipeline.SeverityError) {
			t.Errorf("%q: HasErrors = %v", tc.translation, placeholder.HasErrors(probs))
		}
	}
}

// TestHTMLContentTags: in an HTML document, a link with an href, an image
// and an element kept whole (code) carry content; emphasis does not.
func TestHTMLContentTags(t *testing.T) {
	doc, err := htmldoc.Extract("a.html", []byte(`<p>Read <em>this</em> <a href="/g">guide</a>, see <img src="m.png"> and run <code>ls</code>.</p>`))
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, ph := range doc.Segments[0].Placeholders {
		got = append(got, ph.Content)
	}
	want := []bool{false, true, true, true}
	if len(got) != len(want) {
		t.Fatalf("placeholders %+v", doc.Segments[0].Placeholders)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("placeholder %d (%s): Content = %v", i+1, doc.Segments[0].Placeholders[i].Label, got[i])
		}
	}
}
