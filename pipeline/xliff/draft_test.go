package xliff_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/exchangetest"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/xliff"
)

// An aligned draft goes out as work to review (initial, quipu:aligned)
// with a provenance note, and comes back a draft unless the translator
// changes its state.
func TestAlignedGoesOutInitialAndComesBack(t *testing.T) {
	doc, f, ex, i := exchangetest.AlignedFixture(t)
	out, err := xliff.Encode(ex)
	if err != nil {
		t.Fatal(err)
	}
	data := string(out)
	for _, want := range []string{`<note category="provenance">aligned: ` + exchangetest.AlignedProvenance + `</note>`, `state="initial" subState="quipu:aligned"`} {
		if !strings.Contains(data, want) {
			t.Errorf("XLIFF lacks %q:\n%s", want, data)
		}
	}
	rets, err := xliff.Decode("a.xlf", out)
	if err != nil {
		t.Fatal(err)
	}
	if rets[0].Translations[i].State != catalog.Aligned {
		t.Fatalf("came back %q, want aligned", rets[0].Translations[i].State)
	}
	if o, errs := exchange.Merge(doc, f, rets[0], false); errs != nil || o.Updated != 0 || f.Messages[i].State != catalog.Aligned {
		t.Fatalf("untouched draft: %+v %v, state %q", o, errs, f.Messages[i].State)
	}
	accepted := strings.Replace(data, `state="initial" subState="quipu:aligned"`, `state="translated"`, 1)
	rets, err = xliff.Decode("a.xlf", []byte(accepted))
	if err != nil {
		t.Fatal(err)
	}
	if o, errs := exchange.Merge(doc, f, rets[0], false); errs != nil || o.Updated != 1 || f.Messages[i].State != catalog.Translated {
		t.Fatalf("accepted draft: %+v %v, state %q", o, errs, f.Messages[i].State)
	}
}
