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
	if m.State != catalog.Aligned || m.Provenance != "0.92 by structure from es/a.md:1:3" || !m.State.Draft() {
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

func TestAlignedTurnsFuzzyWhenEnglishChanges(t *testing.T) {
	back, _ := syncAligned(t)
	changed, _, _ := catalog.Sync(extract(t, strings.Replace(article, "A title", "A new title", 1)), back, "a.es-PE.toml", "es-PE", catalog.Options{})
	m := changed.Lookup(back.Messages[0].ID)
	if m == nil {
		m = changed.Messages[0]
	}
	if m.State != catalog.Stale || m.Provenance != "" {
		t.Errorf("state %q provenance %q, want fuzzy without provenance", m.State, m.Provenance)
	}
}

func TestMarkedTranslatedIsNoLongerDraft(t *testing.T) {
	_, data := syncAligned(t)
	for _, flag := range []string{"#, translated\n", "#, aligned, translated\n", "#, reviewed\n"} {
		edited := strings.Replace(string(data), "#, aligned\n", flag, 1)
		f, err := catalog.Parse("a.es-PE.toml", []byte(edited))
		if err != nil {
			t.Fatal(err)
		}
		m := f.Messages[0]
		if m.State.Draft() || m.Provenance != "" {
			t.Errorf("%q: state %q provenance %q, want a person's state", flag, m.State, m.Provenance)
		}
		if strings.Contains(string(catalog.Format(f)), "#. aligned:") {
			t.Errorf("%q: the provenance note outlived the draft", flag)
		}
	}
}
