package catalog_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// syncAligned syncs the article with its first message aligned, and
// returns the file as written and read back.
func syncAligned(t *testing.T) (*catalog.File, []byte) {
	t.Helper()
	doc := extract(t, article)
	f, _, _ := catalog.Sync(doc, nil, "a.es-PE.toml", "es-PE", catalog.Options{})
	m := f.Messages[0]
	m.Other, m.State, m.Provenance = "Un título", catalog.Aligned, "0.92 by structure from es/a.md:1:3"
	data := catalog.Format(f)
	back, err := catalog.Parse("a.es-PE.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return back, data
}

func TestAlignedStateAndProvenanceRoundTrip(t *testing.T) {
	back, data := syncAligned(t)
	for _, want := range []string{"#. aligned: 0.92 by structure from es/a.md:1:3\n", "#, aligned\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("file lacks %q:\n%s", want, data)
		}
	}
	m := back.Messages[0]
	if m.State != catalog.Aligned || m.Provenance != "0.92 by structure from es/a.md:1:3" || !catalog.Draft(m.State) {
		t.Errorf("read back state %q provenance %q", m.State, m.Provenance)
	}
}

func TestSyncKeepsAlignedProvenance(t *testing.T) {
	back, data := syncAligned(t)
	again, _, _ := catalog.Sync(extract(t, article), back, "a.es-PE.toml", "es-PE", catalog.Options{})
	if got := catalog.Format(again); string(got) != string(data) {
		t.Errorf("a second sync changed the aligned file:\n%s\nwant\n%s", got, data)
	}
}

// TestAlignedDraftIsNotCarriedAsFuzzy: a draft whose segment changed is
// not passed on as a fuzzy translation (which would pass for a person's
// once the flag is cleared): it goes with the old segment.
func TestAlignedDraftIsNotCarriedAsFuzzy(t *testing.T) {
	back, _ := syncAligned(t)
	changed, obsolete, _ := catalog.Sync(extract(t, strings.Replace(article, "A title", "A new title", 1)), back, "a.es-PE.toml", "es-PE", catalog.Options{})
	if m := changed.Messages[0]; m.Other != "" || m.State != catalog.Untranslated {
		t.Errorf("new title: %q (%s), want untranslated", m.Other, m.State)
	}
	if len(obsolete) != 1 || obsolete[0].State != catalog.Aligned {
		t.Errorf("obsolete %+v, want the aligned draft", obsolete)
	}
}

func TestMarkedTranslatedIsNoLongerDraft(t *testing.T) {
	_, data := syncAligned(t)
	for _, flag := range []string{"#, translated\n", "#, reviewed\n"} {
		edited := strings.Replace(string(data), "#, aligned\n", flag, 1)
		f, err := catalog.Parse("a.es-PE.toml", []byte(edited))
		if err != nil {
			t.Fatal(err)
		}
		if m := f.Messages[0]; catalog.Draft(m.State) {
			t.Errorf("%q: state %q, want a person's state", flag, m.State)
		}
		again, _, _ := catalog.Sync(extract(t, article), f, "a.es-PE.toml", "es-PE", catalog.Options{})
		if strings.Contains(string(catalog.Format(again)), "#. aligned:") {
			t.Errorf("%q: the provenance note outlived the draft", flag)
		}
	}
}
