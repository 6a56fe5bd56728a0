package glossary_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/glossary"
)

// TestParseErrorsInTheEditorsWords protects the glossary's editors from
// Go's words ("struct field glossary.Term.Translate of type bool", a bare
// "unknown field"): a wrong type says what the key takes, a misspelled key
// names itself and the key meant, as quipu.toml's errors do.
func TestParseErrorsInTheEditorsWords(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"translate as text", "[[term]]\nen = \"world\"\nes = \"mundo\"\ntranslate = \"no\"\n",
			`g.toml:4:13: translate: want true or false (false: keep the English as is), not text in quotes`},
		{"also as text", "[[term]]\nen = \"world\"\nes = \"mundo\"\nalso = \"orbe\"\n",
			`g.toml:4:8: also: want a list of other Spanish forms, like ["EE. UU."], not text in quotes`},
		{"es as a number", "[[term]]\nen = \"world\"\nes = 3\n",
			`g.toml:3:6: es: want the Spanish term in quotes, like "base militar", not a number`},
		{"misspelled key", "[[term]]\nen = \"world\"\nesp = \"mundo\"\n",
			`g.toml:3:1: unknown key "esp" in [[term]] (did you mean "es"?)`},
		{"unknown keys, all of them", "[[term]]\nen = \"world\"\nspanish = \"mundo\"\n[[term]]\nen = \"a\"\nes = \"b\"\nnotes = \"x\"\n",
			"g.toml:3:1: unknown key \"spanish\" in [[term]] (it takes en, es, also, pos, note, translate)\n" +
				`g.toml:7:1: unknown key "notes" in [[term]] (did you mean "note"?)`},
		{"misspelled table", "[[terms]]\nen = \"world\"\nes = \"mundo\"\n",
			`g.toml:1:3: unknown key "terms" (did you mean "term"?)`},
		{"syntax", "[[term]]\nen = \"world\" x\n", `g.toml:2:14: expected newline but got U+0078 'x'`},
	} {
		_, err := glossary.Parse("g.toml", []byte(tc.data))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
	}
}
