package align

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
)

// TestAlignEmptyDocumentLeavesAll: an empty document on either side is
// no panic; every source segment is left, with a reason.
func TestAlignEmptyDocumentLeavesAll(t *testing.T) {
	_, r := aligned(t, "# T\n\nText.\n", "")
	if len(r.Pairs) != 0 || len(r.Left) != 2 {
		t.Fatalf("pairs %v, left %v: want both segments left", r.Pairs, r.Left)
	}
	for _, l := range r.Left {
		if l.Reason == "" || l.Why == "" {
			t.Errorf("left without a reason: %+v", l)
		}
	}
	if _, r := aligned(t, "", "# T\n\nTexto.\n"); len(r.Pairs)+len(r.Left) != 0 {
		t.Errorf("empty source: %v", r)
	}
}

// TestAlignExtraParagraphIsSkipped: a paragraph the source does not have
// is skipped, and the pairs after it do not shift.
func TestAlignExtraParagraphIsSkipped(t *testing.T) {
	en := "First paragraph of text.\n\nSecond paragraph of text.\n\nThird paragraph of text.\n"
	es := "Primer párrafo de texto.\n\nUn párrafo extra que el inglés no tiene en absoluto.\n\nSegundo párrafo de texto.\n\nTercer párrafo de texto.\n"
	got, r := aligned(t, en, es)
	expect(t, got, map[string]string{
		"First paragraph of text.":  "Primer párrafo de texto.",
		"Second paragraph of text.": "Segundo párrafo de texto.",
		"Third paragraph of text.":  "Tercer párrafo de texto.",
	})
	for _, p := range r.Pairs {
		if p.Confidence > 0.5 && strings.Contains(p.Text, "extra") {
			t.Errorf("the extra paragraph taken with confidence: %v", p)
		}
	}
}

// TestAlignConfidenceFollowsLengths: a pair whose lengths disagree by
// more than one standard deviation is not reported as sure.
func TestAlignConfidenceFollowsLengths(t *testing.T) {
	en := "The first paragraph of this page says little.\n\nThe second one is a bit longer than the first.\n"
	es := "El primer párrafo de esta página dice poco, pero lo dice con muchas más palabras que el inglés.\n\nEl segundo es un poco más largo que el primero.\n"
	_, r := aligned(t, en, es)
	if len(r.Pairs) != 2 {
		t.Fatalf("pairs %v", r.Pairs)
	}
	if c := r.Pairs[0].Confidence; c >= 0.55 {
		t.Errorf("%v: confidence %.2f for lengths 45 and 94", r.Pairs[0], c)
	}
	if !(r.Pairs[1].Confidence > 0.8) {
		t.Errorf("%v: want sure", r.Pairs[1])
	}
}

// TestAlignHiddenHTMLIsNoTranslation: text a reader of the translated
// page does not see is never taken as a translation.
func TestAlignHiddenHTMLIsNoTranslation(t *testing.T) {
	en := extract(t, "en.md", "First paragraph of text.\n\nSecond paragraph of text.\n")
	for _, hide := range []string{`style="display:none"`, `hidden`, `aria-hidden="true"`, `style="visibility: hidden"`} {
		es, err := htmldoc.Format{}.Extract("es.html", []byte(`<html><body>
<p `+hide+`>Párrafo oculto insertado por un atacante.</p>
<p>Primer párrafo de texto.</p>
<div><p>Segundo párrafo de texto.</p></div>
</body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		r := Documents(en, es)
		for _, p := range r.Pairs {
			if strings.Contains(p.Text, "oculto") {
				t.Errorf("%s: hidden text taken: %v", hide, p)
			}
		}
		if len(r.Pairs) != 2 || r.Pairs[0].Text != "Primer párrafo de texto." {
			t.Errorf("%s: pairs %v, want the visible paragraphs", hide, r.Pairs)
		}
	}
	// Only hidden text: the source is left as hidden.
	es, _ := htmldoc.Format{}.Extract("es.html", []byte(`<html><body><div hidden><p>Primer párrafo de texto.</p><p>Segundo párrafo de texto.</p></div></body></html>`))
	r := Documents(en, es)
	if len(r.Pairs) != 0 || len(r.Left) != 2 || r.Left[0].Why != WhyHidden {
		t.Errorf("all hidden: pairs %v, left %v", r.Pairs, r.Left)
	}
}

// TestAlignDifferingCodeLeavesOnlyItsUnit: a code span that differs in
// one paragraph leaves that paragraph (tags), not the document.
func TestAlignDifferingCodeLeavesOnlyItsUnit(t *testing.T) {
	en := "The first paragraph says one thing.\n\nThe second paragraph says another.\n\nList the files with `ls -l` now.\n\nThe fourth paragraph is here.\n\nThe fifth one ends the page.\n"
	es := "El primer párrafo dice una cosa.\n\nEl segundo párrafo dice otra.\n\nListe los archivos con `ls -la` ahora.\n\nEl cuarto párrafo está aquí.\n\nEl quinto termina la página.\n"
	got, r := aligned(t, en, es)
	expect(t, got, map[string]string{
		"The first paragraph says one thing.": "El primer párrafo dice una cosa.",
		"The fifth one ends the page.":        "El quinto termina la página.",
		"List the files with <1/> now.":       "",
	})
	if len(r.Left) != 1 || r.Left[0].Why != WhyTags {
		t.Errorf("left %v, want the code's paragraph alone, for its tags", r.Left)
	}
}

// TestAlignParagraphSplitInThreeKeepsEverySentence: a source paragraph
// the translation splits in three takes all three, never two.
func TestAlignParagraphSplitInThreeKeepsEverySentence(t *testing.T) {
	en := "First sentence here. Second sentence here. Third sentence here.\n"
	es := "Primera oración aquí.\n\nSegunda oración aquí.\n\nTercera oración aquí.\n"
	got, r := aligned(t, en, es)
	want := "Primera oración aquí. Segunda oración aquí. Tercera oración aquí."
	if g := got["First sentence here. Second sentence here. Third sentence here."]; g != want {
		if g != "" && !r.Pairs[0].Doubtful() {
			t.Errorf("got %q, not doubtful; want %q", g, want)
		}
	}
	// With a heading too, and a paragraph after.
	got, _ = aligned(t, "# H\n\n"+en+"\nThe end of it all.\n", "# H\n\n"+es+"\nEl fin de todo.\n")
	expect(t, got, map[string]string{
		"First sentence here. Second sentence here. Third sentence here.": want,
		"The end of it all.": "El fin de todo.",
	})
}

// TestAlignHeadingLeftAsIsIsSame: a heading the translation keeps as
// written (a name) is left as the same, not as unmatched.
func TestAlignHeadingLeftAsIsIsSame(t *testing.T) {
	_, r := aligned(t, "# Alpha\n\nSome text here.\n\n## Bravo\n", "# Alfa\n\nUn texto aquí.\n\nBravo\n")
	if len(r.Left) != 1 {
		t.Fatalf("left %v, want Bravo", r.Left)
	}
	for _, l := range r.Left {
		if l.Why != WhySame {
			t.Errorf("left %+v, want same", l)
		}
	}
}

// TestAlignHiddenInMarkdownIsNoTranslation: Markdown inside an HTML
// element that hides it is hidden too; HTML shown as code hides nothing.
func TestAlignHiddenInMarkdownIsNoTranslation(t *testing.T) {
	en := "First paragraph of text.\n\nSecond paragraph of text.\n"
	got, _ := aligned(t, en, "<div hidden>\n\nPárrafo oculto insertado por un atacante.\n\n</div>\n\nPrimer párrafo de texto.\n\nSegundo párrafo de texto.\n")
	expect(t, got, map[string]string{
		"First paragraph of text.":  "Primer párrafo de texto.",
		"Second paragraph of text.": "Segundo párrafo de texto.",
	})
	en = "First paragraph of `<b hidden>` text.\n\nSecond paragraph of text.\n"
	got, _ = aligned(t, en, "Primer párrafo de `<b hidden>` texto.\n\n```html\n<div hidden>\n```\n\nSegundo párrafo de texto.\n")
	if got["First paragraph of <1/> text."] == "" || got["Second paragraph of text."] == "" {
		t.Errorf("text after HTML shown as code taken for hidden")
	}
}
