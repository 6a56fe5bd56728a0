package markdown_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// TestMDXExpressionsAreTags: in an .mdx file, "{props.x}" and
// "{/* comments */}" in prose are JavaScript MDX runs, so they are tags,
// written back as they are, never text escaped to "\{props.x}"; in a .md
// file braces stay text.
func TestMDXExpressionsAreTags(t *testing.T) {
	src := "Some text with {props.x} braces and {/* note */} a {`}`} comment.\n\n{/* Alone. */}\n"
	doc, err := markdown.Extract("docs/page.mdx", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Segments) != 1 || doc.Segments[0].Text != "Some text with <1/> braces and <2/> a <3/> comment." {
		t.Fatalf("segments of the .mdx page: %+v", segTexts(doc))
	}
	tr := func(s *pipeline.Segment) (string, bool) {
		return "Un texto con <1/> llaves, <3/> y <2/> un {comentario}.", true
	}
	out, _, rej, _ := markdown.Localize(doc, tr)
	if len(rej) > 0 {
		t.Fatalf("rejected: %+v", rej[0].Problems)
	}
	want := "Un texto con {props.x} llaves, {`}`} y {/* note */} un \\{comentario\\}.\n\n{/* Alone. */}\n"
	if string(out) != want {
		t.Errorf("localized .mdx page:\n%s\nwant:\n%s", out, want)
	}
	identityAndPseudo(t, src)

	md, err := markdown.Extract("docs/page.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := segTexts(md); len(got) != 2 || !strings.Contains(got[0], "{props.x}") {
		t.Errorf("a .md page reads braces as text: %q", got)
	}
}

func segTexts(doc *pipeline.Document) []string {
	var out []string
	for _, s := range doc.Segments {
		out = append(out, s.Text)
	}
	return out
}
