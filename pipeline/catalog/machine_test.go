package catalog_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// TestMachineDraftRoundTrips: a machine draft's flag and provenance note
// survive a parse and a sync, byte for byte, so sync keeps them.
func TestMachineDraftRoundTrips(t *testing.T) {
	doc := extract(t, article)
	f, _, _ := catalog.Sync(doc, nil, "locales/es-PE/a.es-PE.toml", "es-PE", catalog.Options{})
	m := f.Messages[2]
	m.Other, m.State, m.Provenance = "Segundo párrafo.", catalog.Machine, "apertium eng-spa"
	data := catalog.Format(f)
	if !strings.Contains(string(data), "#. machine: apertium eng-spa\n#, machine\n") {
		t.Fatalf("no provenance and flag:\n%s", data)
	}
	back, err := catalog.Parse(f.Path, data)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Messages[2]; got.State != catalog.Machine || got.Provenance != "apertium eng-spa" {
		t.Fatalf("parsed %q %q", got.State, got.Provenance)
	}
	again, _, _ := catalog.Sync(doc, back, f.Path, "es-PE", catalog.Options{})
	if got := catalog.Format(again); string(got) != string(data) {
		t.Errorf("sync changed a machine draft:\n%s\nwant\n%s", got, data)
	}
}

// TestMachineFlagWinsOverReviewed: a flag line naming a draft state and
// "reviewed" reads as the draft, so a draft never passes as reviewed.
func TestMachineFlagWinsOverReviewed(t *testing.T) {
	for _, flags := range []string{"reviewed, machine", "machine, reviewed", "translated, machine"} {
		f, err := catalog.Parse("a.toml", []byte("#, "+flags+"\n[x]\nother = \"y\"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if f.Messages[0].State != catalog.Machine {
			t.Errorf("%q reads as %q", flags, f.Messages[0].State)
		}
	}
	f, _ := catalog.Parse("a.toml", []byte("#, machine, fuzzy\n[x]\nother = \"y\"\n"))
	if f.Messages[0].State != catalog.Stale {
		t.Errorf("fuzzy beside machine reads as %q", f.Messages[0].State)
	}
}

// TestAcceptedDraftLosesProvenance: once a person marks a draft
// translated, sync drops its "#. machine:" note.
func TestAcceptedDraftLosesProvenance(t *testing.T) {
	doc := extract(t, article)
	f, _, _ := catalog.Sync(doc, nil, "locales/es-PE/a.es-PE.toml", "es-PE", catalog.Options{})
	m := f.Messages[2]
	m.Other, m.State, m.Provenance = "Segundo párrafo.", catalog.Machine, "apertium eng-spa"
	edited := strings.Replace(string(catalog.Format(f)), "#, machine", "#, translated", 1)
	back, err := catalog.Parse(f.Path, []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := catalog.Sync(doc, back, f.Path, "es-PE", catalog.Options{})
	if got := string(catalog.Format(again)); strings.Contains(got, "machine") {
		t.Errorf("accepted draft still says machine:\n%s", got)
	}
}

// TestMachineDraftOfEditedSegmentIsNotFuzzy: a machine draft whose
// segment was edited is not carried over as a fuzzy translation (which
// would pass for a person's once the flag is cleared): it goes to the
// obsolete messages, still a draft.
func TestMachineDraftOfEditedSegmentIsNotFuzzy(t *testing.T) {
	doc := extract(t, article)
	f, _, _ := catalog.Sync(doc, nil, "locales/es-PE/a.es-PE.toml", "es-PE", catalog.Options{})
	m := f.Messages[2]
	m.Other, m.State, m.Provenance = "Segundo párrafo.", catalog.Machine, "apertium eng-spa"
	edited := extract(t, strings.Replace(article, "Second paragraph.", "Second paragraph here.", 1))
	got, obs, rep := catalog.Sync(edited, f, f.Path, "es-PE", catalog.Options{})
	for _, m := range got.Messages {
		if m.Other != "" {
			t.Errorf("message %s carried %q (%s)", m.ID, m.Other, m.State)
		}
	}
	if len(obs) != 1 || obs[0].State != catalog.Machine || rep.Stale != 0 {
		t.Errorf("obsolete %v, report %+v", obs, rep)
	}
}
