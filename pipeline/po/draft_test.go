package po_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/exchangetest"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/po"
)

// An aligned draft goes out fuzzy, with its provenance, and comes back a
// draft unless the translator clears the fuzzy flag.
func TestAlignedGoesOutFuzzyAndComesBack(t *testing.T) {
	doc, f, ex, i := exchangetest.AlignedFixture(t)
	data := string(po.Encode(ex))
	for _, want := range []string{"#. aligned: " + exchangetest.AlignedProvenance + "\n", "#, fuzzy, aligned\n"} {
		if !strings.Contains(data, want) {
			t.Errorf("PO lacks %q:\n%s", want, data)
		}
	}
	r, err := po.Decode("a.po", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if r.Translations[i].State != catalog.Aligned {
		t.Fatalf("came back %q, want aligned", r.Translations[i].State)
	}
	if out, errs := exchange.Merge(doc, f, r, false); errs != nil || out.Updated != 0 || f.Messages[i].State != catalog.Aligned {
		t.Fatalf("untouched draft: %+v %v, state %q", out, errs, f.Messages[i].State)
	}
	accepted := strings.Replace(data, "#, fuzzy, aligned\n", "", 1)
	r, err = po.Decode("a.po", []byte(accepted))
	if err != nil {
		t.Fatal(err)
	}
	if out, errs := exchange.Merge(doc, f, r, false); errs != nil || out.Updated != 1 || f.Messages[i].State != catalog.Translated {
		t.Fatalf("accepted draft: %+v %v, state %q", out, errs, f.Messages[i].State)
	}
}
