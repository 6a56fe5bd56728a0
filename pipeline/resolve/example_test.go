package resolve_test

import (
	"fmt"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// A Peruvian translation made before the English changed is fuzzy: the
// shared Spanish one is published instead, and the segment still counts
// as untranslated.
func ExampleResolve() {
	seg := &pipeline.Segment{ID: "we-open-after-8-am-1a2b3c", Text: "We open after 8 a.m."}
	chain := []resolve.Layer{
		{Locale: "es-PE", File: "locales/es-PE/doc.es-PE.toml", Messages: map[string]*catalog.Message{
			seg.ID: {ID: seg.ID, Other: "Abrimos antes de las 8 a. m.", State: catalog.Stale, OtherLine: 12, OtherCol: 9},
		}},
		{Locale: "es-419"},
		{Locale: "es", File: "locales/es/doc.es.toml", Messages: map[string]*catalog.Message{
			seg.ID: {ID: seg.ID, Other: "Abrimos después de las 8 a. m.", State: catalog.Translated, OtherLine: 7, OtherCol: 9},
		}},
	}
	r := resolve.Resolve(seg, chain, resolve.Options{})
	fmt.Println(r.Verdict, "|", r.Text, "| from", r.From.Locale, "| fuzzy one at", r.Refused.Pos(0))
	// Output: fuzzy | Abrimos después de las 8 a. m. | from es | fuzzy one at locales/es-PE/doc.es-PE.toml:12:10
}
