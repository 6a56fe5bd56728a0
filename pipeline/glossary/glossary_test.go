package glossary_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/glossary"
)

const sample = `
[[term]]
en = "military base"
es = "base militar"
pos = "noun"

[[term]]
en = "CSL"
es = "CSL"
pos = "acronym"
translate = false

[[term]]
en = "Peru"
es = "Perú"
pos = "proper noun"
`

func TestMatching(t *testing.T) {
	g, err := glossary.Parse("g.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		source, translation string
		in, missing         int
	}{
		{"There are no US military bases in Peru.", "No hay bases militares de EE. UU. en el Perú.", 2, 0},
		{"A military base.", "Una instalación.", 1, 1},
		{"CSLs allow it.", "Las CSL lo permiten.", 1, 0},
		{"CSLs allow it.", "Las UBC lo permiten.", 1, 1},
		{"Peruvian forces", "fuerzas peruanas", 0, 0}, // a term matches whole words only
		{"PERU", "perú", 1, 0},
	}
	for _, tt := range tests {
		if got := len(g.In(tt.source)); got != tt.in {
			t.Errorf("In(%q) = %d terms, want %d", tt.source, got, tt.in)
		}
		if got := len(g.Missing(tt.source, tt.translation)); got != tt.missing {
			t.Errorf("Missing(%q, %q) = %d, want %d", tt.source, tt.translation, got, tt.missing)
		}
	}
	if got, want := g.Note("A military base in Peru run as a CSL"), "glossary: military base → base militar; CSL (keep as is); Peru → Perú"; got != want {
		t.Errorf("Note = %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"[[term]]\nen = 1\n", "[[term]]\nen = \"a\"\nspanish = \"b\"\n", "[[term]]\nen = \"a\"\n"} {
		if _, err := glossary.Parse("g.toml", []byte(in)); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", in)
		}
	}
}

// TestLongestTermClaimsTheWords: where terms overlap in the English, only
// the longest is required, so a translator never has to bend the word
// order of "ejercicios militares conjuntos" to also hold "ejercicios de
// entrenamiento".
func TestLongestTermClaimsTheWords(t *testing.T) {
	g, err := glossary.Parse("g.toml", []byte(`
[[term]]
en = "training exercises"
es = "ejercicios de entrenamiento"

[[term]]
en = "joint training exercises"
es = "ejercicios militares conjuntos"
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		source, translation string
		missing             []string
	}{
		{"Joint training exercises help.", "Los ejercicios militares conjuntos ayudan.", nil},
		{"Joint training exercises help.", "Los ejercicios de entrenamiento ayudan.", []string{"joint training exercises"}},
		// Both stand alone: both are required.
		{"Joint training exercises and other training exercises.", "Ejercicios militares conjuntos y otros ejercicios de entrenamiento.", nil},
		{"Joint training exercises and other training exercises.", "Ejercicios militares conjuntos y otros.", []string{"training exercises"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range g.Missing(tt.source, tt.translation) {
			got = append(got, m.EN)
		}
		if strings.Join(got, "|") != strings.Join(tt.missing, "|") {
			t.Errorf("Missing(%q, %q) = %q, want %q", tt.source, tt.translation, got, tt.missing)
		}
	}
}

func TestAlsoAcceptsOtherForms(t *testing.T) {
	g, err := glossary.Parse("g.toml", []byte(`
[[term]]
en = "United States"
es = "Estados Unidos"
also = ["EE. UU."]
`))
	if err != nil {
		t.Fatal(err)
	}
	for tr, missing := range map[string]bool{
		"Estados Unidos firmó.": false,
		"EE. UU. firmó.":        false,
		"Norteamérica firmó.":   true,
	} {
		if got := len(g.Missing("The United States signed.", tr)) == 1; got != missing {
			t.Errorf("Missing(%q) = %v, want %v", tr, got, missing)
		}
	}
	if got, want := g.Note("The United States"), "glossary: United States → Estados Unidos / EE. UU."; got != want {
		t.Errorf("Note = %q, want %q", got, want)
	}
}
