package resolve_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// TestResolveMachineDraft: a machine draft is published only with
// UseMachine, never counts as translated, and leaves its place to the
// chain's next translation otherwise.
func TestResolveMachineDraft(t *testing.T) {
	for _, tc := range []struct {
		name           string
		chain          []resolve.Layer
		opt            resolve.Options
		text, from     string
		refused        string
		wantVerdict    resolve.Verdict
		wantTranslated int
	}{
		{name: "not published by default", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Machine))}, text: srcText, refused: "es-PE", wantVerdict: resolve.Machine},
		{name: "use machine publishes it, still machine", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Machine))}, opt: resolve.Options{UseMachine: true}, text: good, from: "es-PE", wantVerdict: resolve.Machine},
		{name: "use fuzzy does not publish a machine draft", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Machine))}, opt: resolve.Options{UseFuzzy: true}, text: srcText, refused: "es-PE", wantVerdict: resolve.Machine},
		{name: "leaves its place to the chain's next", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Machine)), layer("es", msg(good2, catalog.Translated))}, text: good2, from: "es", refused: "es-PE", wantVerdict: resolve.Machine},
		{name: "a machine draft below is not published", chain: []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale)), layer("es", msg(good2, catalog.Machine))}, text: srcText, refused: "es-PE", wantVerdict: resolve.Fuzzy},
		{name: "with bad tags and use machine: not published", chain: []resolve.Layer{layer("es-PE", msg(badTag, catalog.Machine))}, opt: resolve.Options{UseMachine: true}, text: srcText, refused: "es-PE", wantVerdict: resolve.Machine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := resolve.Resolve(seg, tc.chain, tc.opt)
			if r.Verdict != tc.wantVerdict || r.Text != tc.text || r.From.Locale != tc.from || r.Refused.Locale != tc.refused {
				t.Errorf("got %v %q from %q refused %q, want %v %q from %q refused %q", r.Verdict, r.Text, r.From.Locale, r.Refused.Locale, tc.wantVerdict, tc.text, tc.from, tc.refused)
			}
			c := resolve.Count([]*pipeline.Segment{seg}, []resolve.Resolution{r})
			if c.Translated != 0 || c.Untranslated() != 1 {
				t.Errorf("counted %+v: a draft is never translated", c)
			}
			if tc.wantVerdict == resolve.Machine && c.Machine != 1 {
				t.Errorf("counted %+v, want machine 1", c)
			}
		})
	}
}

// TestRejectKeepsMachine: a published machine draft its document refuses
// stays a machine draft in the counts, as a fuzzy one stays fuzzy.
func TestRejectKeepsMachine(t *testing.T) {
	chain := []resolve.Layer{layer("es-PE", msg(good, catalog.Machine))}
	r := resolve.Reject(resolve.Resolve(seg, chain, resolve.Options{UseMachine: true}), seg, []pipeline.Problem{{Code: "markup-added", Severity: pipeline.SeverityError}})
	if r.Verdict != resolve.Machine || !r.Source() {
		t.Errorf("got %v %q", r.Verdict, r.Text)
	}
	if got := resolve.Machine.String(); got != "machine" {
		t.Errorf("String = %q", got)
	}
}
