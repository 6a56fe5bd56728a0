package htmldoc_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

// FuzzLocalize: any input is read without panicking, rebuilt byte for byte
// by the identity build, and keeps its structure under pseudo-translation
// and under a hostile translation.
func FuzzLocalize(f *testing.F) {
	for _, src := range fixtures(f) {
		f.Add(src)
	}
	for _, s := range []string{
		`<p>a <b>b</b> <i>c`,
		`<img alt=x/><img alt='y'/>`,
		`<html><title>t`,
		`<p>&lt;1&gt; &amp;`,
		`<svg><p>x</svg>`,
		`<a title=">">x</a>`,
		"<p>\x00</p>",
		`<script/>x<p>y</p>`,
		`<p title="a" title="b">c</p>`,
		`<=x alt=y>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := htmldoc.Extract("f.html", src)
		if err != nil {
			t.Fatal(err)
		}
		out, rej := htmldoc.Localize(doc, "", identity)
		if len(rej) > 0 || !bytes.Equal(out, src) {
			t.Fatalf("identity build differs or rejects (%v):\n got %q\nwant %q", rej, out, src)
		}
		want := structure(src)
		out, rej = htmldoc.Localize(doc, "", pseudoTr)
		if len(rej) > 0 {
			t.Fatalf("pseudo-translation rejected: %v", rej)
		}
		if d := cmp.Diff(want, structure(out)); d != "" {
			t.Fatalf("pseudo-translation changed the structure:\n%s\nout %q", d, out)
		}
		out, _ = htmldoc.Localize(doc, pseudo.Locale, func(s *pipeline.Segment) (string, bool) {
			return s.Text + `"'></p><script>x</script>&`, true
		})
		if d := cmp.Diff(want, structure(out)); d != "" {
			t.Fatalf("a hostile translation changed the structure:\n%s\nout %q", d, out)
		}
	})
}
