package exchangetest

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
)

// AlignedProvenance is the note of the aligned message of AlignedFixture.
const AlignedProvenance = "0.88 by structure from old/es/a.md:9:3"

// AlignedFixture is Fixture with the first list item an aligned draft,
// and the index of its unit.
func AlignedFixture(tb testing.TB) (*pipeline.Document, *catalog.File, *exchange.File, int) {
	tb.Helper()
	doc, f, _ := Fixture(tb)
	const i = 3
	m := f.Messages[i]
	m.Other, m.State, m.Provenance = "Un ítem con texto en <1>negrita</1> y <2/>", catalog.Aligned, AlignedProvenance
	return doc, f, exchange.New(doc, f, "en", nil), i
}
