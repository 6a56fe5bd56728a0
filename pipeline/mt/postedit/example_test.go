package postedit_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline/mt/postedit"
)

// A draft as an engine tuned for Spain writes it, made Peruvian.
func ExampleApply() {
	text, fixed, _ := postedit.Apply(
		"Are you in the US? Bring your 1,500 dollars to Peru.",
		"Estáis en EEUU? Traed vuestros 1.500 dólares a Perú.",
		postedit.Options{Locale: language.MustParse("es-PE")})
	fmt.Println(text)
	fmt.Println(fixed)
	// Output:
	// ¿Están en EE. UU.? Traigan sus 1,500 dólares al Perú.
	// [ustedes EE. UU. ¿¡ el Perú numbers]
}
