package htmldoc_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
)

// TestSourceTextMarkedEnglish: on a translated page, a block that keeps
// its English for want of a translation (or because its translation was
// rejected) says so with lang="en", so a screen reader switches voice; a
// page where nothing falls back is byte for byte what Localize writes.
func TestSourceTextMarkedEnglish(t *testing.T) {
	src := `<html><h1>News</h1><p>Read <a href="/s">the <b>story</b></a>.</p><p>Call <img src=x alt="phone"> now.</p><p>Same</p></html>`
	all := map[string]string{
		"News":                          "Noticias",
		"Read <1>the <2>story</2></1>.": "Lea <1>la <2>nota</2></1>.",
		"Call <1/> now.":                "Llame ya <1/>.",
		"phone":                         "teléfono",
		"Same":                          "Same", // a translation the same as the English is Spanish too
	}
	tests := []struct {
		name string
		tr   map[string]string
		want string
	}{
		{"all translated", all, `<html lang="es-PE"><h1>Noticias</h1><p>Lea <a href="/s">la <b>nota</b></a>.</p><p>Llame ya <img src=x alt="teléfono">.</p><p>Same</p></html>`},
		{"one missing", map[string]string{"News": "Noticias", "Read <1>the <2>story</2></1>.": "Lea <1>la <2>nota</2></1>.", "phone": "teléfono", "Same": "Same"},
			`<html lang="es-PE"><h1>Noticias</h1><p>Lea <a href="/s">la <b>nota</b></a>.</p><p><span lang="en">Call <img src=x alt="teléfono"> now.</span></p><p>Same</p></html>`},
		{"one rejected", map[string]string{"News": "Noticias", "Read <1>the <2>story</2></1>.": "Lea <3/>.", "Call <1/> now.": "Llame ya <1/>.", "Same": "Same"},
			`<html lang="es-PE"><h1>Noticias</h1><p><span lang="en">Read <a href="/s">the <b>story</b></a>.</span></p><p>Llame ya <img src=x alt="phone">.</p><p>Same</p></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extract(t, "t.html", []byte(src))
			tr := func(s *pipeline.Segment) (string, bool) { v, ok := tt.tr[s.Text]; return v, ok }
			out, _ := htmldoc.LocalizeWith(doc, "es-PE", tr, htmldoc.Options{SourceLang: "en"})
			if string(out) != tt.want {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
			if tt.name == "all translated" {
				plain, _ := htmldoc.Localize(doc, "es-PE", tr)
				if string(plain) != string(out) {
					t.Errorf("nothing falls back, yet the page differs:\n%s\n%s", plain, out)
				}
			}
		})
	}
}

// TestOwnLangNotMarkedEnglish: text inside an element that states its own
// language keeps that language when it falls back; only the source's own
// text is marked lang="en".
func TestOwnLangNotMarkedEnglish(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"block with lang", `<p>Hello.</p><p lang="fr">Je ne regrette rien.</p>`,
			`<p><span lang="en">Hello.</span></p><p lang="fr">Je ne regrette rien.</p>`},
		{"inside a block with lang", `<div lang="fr"><p>Je ne regrette rien.</p></div><p>Hello.</p>`,
			`<div lang="fr"><p>Je ne regrette rien.</p></div><p><span lang="en">Hello.</span></p>`},
		{"xml:lang", `<p xml:lang="fr">Je ne regrette rien.</p>`,
			`<p xml:lang="fr">Je ne regrette rien.</p>`},
		{"inline element around the whole run", `<p><span lang="fr">Je ne regrette rien.</span></p>`,
			`<p><span lang="fr">Je ne regrette rien.</span></p>`},
		{"inline element inside the run", `<p>He said <i lang="fr">merci</i> twice.</p>`,
			`<p><span lang="en">He said <i lang="fr">merci</i> twice.</span></p>`},
		{"html lang is the document's", `<html lang="en"><p>Hello.</p></html>`,
			`<html lang="es-PE"><p><span lang="en">Hello.</span></p></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extract(t, "t.html", []byte(tt.src))
			none := func(*pipeline.Segment) (string, bool) { return "", false }
			out, _ := htmldoc.LocalizeWith(doc, "es-PE", none, htmldoc.Options{SourceLang: "en"})
			if string(out) != tt.want {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
		})
	}
}
