package exchange_test

import (
	"slices"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
)

// TestMachineDraftsComeBackDrafts: a machine draft goes to a tool with a
// note naming its engine, and comes back a draft unless the translator
// says otherwise: a tool that drops the state (XLIFF initial, PO without
// flag) does not turn it into a translation, an edit kept in the draft's
// state stays a draft, and "translated" accepts it.
func TestMachineDraftsComeBackDrafts(t *testing.T) {
	const draft = "Tercer párrafo."
	setup := func(t *testing.T) (*exchange.File, func(exchange.Translation) *catalog.Message) {
		doc, f := fixture(t)
		m := f.Messages[3]
		m.Other, m.State, m.Provenance = draft, catalog.Machine, "apertium eng-spa"
		ex := exchange.New(doc, f, "en", nil)
		merge := func(tr exchange.Translation) *catalog.Message {
			tr.ID = m.ID
			if _, errs := exchange.Merge(doc, f, &exchange.Returned{Document: doc.Path, Locale: "es-PE", Translations: []*exchange.Translation{&tr}}, false); len(errs) > 0 {
				t.Fatal(errs)
			}
			return m
		}
		return ex, merge
	}
	ex, _ := setup(t)
	if u := ex.Units[3]; u.State != catalog.Machine || u.Target != draft || !slices.Contains(u.Notes, exchange.MachineNote+"apertium eng-spa") {
		t.Errorf("unit %+v", u)
	}
	for _, tc := range []struct {
		name  string
		tr    exchange.Translation
		text  string
		state catalog.State
	}{
		{"state dropped by the tool", exchange.Translation{Text: draft, State: catalog.Untranslated}, draft, catalog.Machine},
		{"returned as it went", exchange.Translation{Text: draft, State: catalog.Machine, Base: exchange.Fingerprint(catalog.Machine, draft)}, draft, catalog.Machine},
		{"edited, still a draft", exchange.Translation{Text: "El tercer párrafo.", State: catalog.Machine, Base: exchange.Fingerprint(catalog.Machine, draft)}, "El tercer párrafo.", catalog.Machine},
		{"accepted", exchange.Translation{Text: draft, State: catalog.Translated, Base: exchange.Fingerprint(catalog.Machine, draft)}, draft, catalog.Translated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, merge := setup(t)
			if m := merge(tc.tr); m.Other != tc.text || m.State != tc.state {
				t.Errorf("got %q (%s), want %q (%s)", m.Other, m.State, tc.text, tc.state)
			}
		})
	}
}
