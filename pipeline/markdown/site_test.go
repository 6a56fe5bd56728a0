package markdown_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// siteTexts returns the message texts of src's segments.
func siteTexts(t *testing.T, src string, opt markdown.Options) []string {
	t.Helper()
	doc, err := markdown.ExtractWith("site.md", []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range doc.Segments {
		out = append(out, s.Text)
	}
	return out
}

// TestSiteSyntaxIsMarkup: each construct is skeleton or a tag, its
// readable parts are messages of their own, and look-alikes stay prose.
func TestSiteSyntaxIsMarkup(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"shortcode block with Markdown inside", "{{< notice warning >}}\nSell **out** fast.\n{{< /notice >}}\n", []string{"Sell <1>out</1> fast."}},
		{"percent shortcode interrupting a paragraph", "Before.\n{{% details %}}\nInside.\n{{% /details %}}\n", []string{"Before.", "Inside."}},
		{"code inside a highlight shortcode stays", "{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\nAfter.\n", []string{"After."}},
		{"nested shortcodes", "{{< tabs >}}\n{{< tab \"One\" >}}\nFirst.\n{{< /tab >}}\n{{< /tabs >}}\n", []string{"First."}},
		{"self-closing shortcode inline", "Gate {{< icon name=\"x\" />}} opens.\n", []string{"Gate <1/> opens."}},
		{"inline shortcode with its closing tag is one pair", "A {{< b >}}bold{{< /b >}} word.\n", []string{"A <1>bold</1> word."}},
		{"inline shortcode left open stays standalone", "See {{< param x >}} and {{< b >}}y{{< /b >}}.\n", []string{"See <1/> and <2>y</2>."}},
		{"text arguments are messages", `{{< figure src="a.png" alt="Alt text" title="A title" caption="A caption" class="wide" >}}` + "\n", []string{"Alt text", "A title", "A caption"}},
		{"escaped quote in an argument", `{{< figure caption="The \"Sun Gate\"" >}}` + "\n", []string{`The "Sun Gate"`}},
		{"arguments spanning lines", "{{< gallery\n    title=\"Views\"\n    dir=\"trail\" >}}\n", []string{"Views"}},
		{"raw string arguments stay", "{{< figure caption=`A *raw* caption` >}}\n", nil},
		{"ref and relref keep their arguments", "{{< ref title=\"x\" >}}\n\n{{< relref caption=\"y\" >}}\n", nil},
		{"link to a ref shortcode", "Read the [timetable]({{< ref \"t.md\" >}}) first.\n", []string{"Read the <1>timetable</1> first."}},
		{"commented-out shortcode", "{{</* figure src=\"x\" */>}} shows one.\n", []string{"<1/> shows one."}},
		{"inline shortcode's body is template code", "The year is {{< station.inline >}}{{ now.Year }}{{< /station.inline >}} now.\n", []string{"The year is <1/> now."}},
		{"inline shortcode alone on its line", "{{< station.inline >}}{{ now.Year }}{{< /station.inline >}}\n\n{{< year.inline >}}\n{{ now.Year }} and text\n{{< /year.inline >}}\n", nil},
		{"shortcode body with a template action", "{{< note >}}\nBuilt {{ .Site.Title }} here.\n{{< /note >}}\n\nA {{< b >}}{{- .Title -}}{{< /b >}} word.\n", []string{"A <1/> word."}},
		{"shortcode body without template actions is prose", "{{< note >}}\nPlain {{< b >}}prose{{< /b >}}.\n{{< /note >}}\n", []string{"Plain <1>prose</1>."}},
		{"not shortcodes", "Go templates {{ .Title }} and {{< unclosed stay text.\n", []string{"Go templates {{ .Title }} and {{< unclosed stay text."}},

		{"GitHub alert", "> [!WARNING]\n> Mind the gap.\n", []string{"Mind the gap."}},
		{"alert marker with text after it is prose", "> [!NOTE] is text.\n", []string{"[!NOTE] is text."}},
		{"alert marker not first in its quote is prose", "> First.\n>\n> [!NOTE]\n", []string{"First.", "[!NOTE]"}},

		{"Docusaurus admonition", ":::note\nBody text.\n:::\n", []string{"Body text."}},
		{"Docusaurus title", ":::tip Book early\nBody.\n:::\n", []string{"Book early", "Body."}},
		{"Docusaurus label", ":::warning[Altitude *matters*]{#alt}\nBody.\n:::\n", []string{"Altitude <1>matters</1>", "Body."}},
		{"nested Docusaurus admonitions", "::::info Outer\n:::danger Inner\nText.\n:::\n::::\n", []string{"Outer", "Inner", "Text."}},
		{"colons then a space are prose", "::: not a fence\n", []string{"::: not a fence"}},

		{"MkDocs admonition", "!!! note \"Coca tea\"\n    Served hot.\n\n    Twice.\n\nAfter.\n", []string{"Coca tea", "Served hot.", "Twice.", "After."}},
		{"MkDocs admonition without a title", "!!! warning\n    Careful.\n", []string{"Careful."}},
		{"collapsible MkDocs admonitions", "??? tip \"Closed\"\n    A.\n\n???+ tip \"Open\"\n    B.\n", []string{"Closed", "A.", "Open", "B."}},
		{"code in an MkDocs admonition stays code", "!!! note\n    Text.\n\n        code line\n", []string{"Text."}},
		{"marks in prose are prose", "Wow !!! and ??? here.\n", []string{"Wow !!! and ??? here."}},

		{"heading ID", "## Costs {#costs}\n", []string{"Costs"}},
		{"heading attributes", "## Costs {#costs .big}\n", []string{"Costs"}},
		{"attribute list after a link", "[Guide](g.md){ .md-button } now.\n", []string{"<1>Guide</1><2/> now."}},
		{"attribute list line", "Lead paragraph.\n{: .lead }\n", []string{"Lead paragraph.\n<1/>"}},
		{"braces that are not attributes are prose", "Sets {a, b} and { .x y }.\n", []string{"Sets {a, b} and { .x y }."}},

		{"MDX import and export", "import Tabs from '@theme/Tabs';\nimport {A,\n  B} from './x';\nexport const y = 1;\n\nText.\n", []string{"Text."}},
		{"import as a word is prose", "import duties apply.\n\nexport rules too.\n", []string{"import duties apply.", "export rules too."}},
		{"MDX import inside a list is prose", "- import X from 'y'\n", []string{"import X from 'y'"}},
		{"JSX block", "<Tabs>\n  <TabItem value=\"a\">\n  </TabItem>\n</Tabs>\n\nText.\n", []string{"Text."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, siteTexts(t, tc.src, markdown.Options{})); d != "" {
				t.Errorf("segments (-want +got):\n%s", d)
			}
			identityAndPseudo(t, tc.src)
		})
	}
}

// identityAndPseudo checks that src builds back byte for byte and that its
// pseudo-translation keeps its shape and is never rejected.
func identityAndPseudo(t *testing.T, src string) {
	t.Helper()
	doc, err := markdown.Extract("site.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if out, rej := markdown.Assemble(doc, identity, true); len(rej) > 0 || string(out) != src {
		t.Errorf("identity build differs (rejected %v):\n%s", rej, out)
	}
	qps, _, rej, changed := markdown.Localize(doc, pseudoTranslate)
	if len(rej) > 0 || changed {
		t.Errorf("pseudo-translation rejected %v, changed %v:\n%s", rej, changed, qps)
	}
	if d := markdown.CompareShape([]byte(src), qps); d != "" {
		t.Errorf("pseudo-translation changed the shape: %s\n%s", d, qps)
	}
}

// TestSiteSyntaxSwitches: each switch of Syntax makes its syntax prose.
func TestSiteSyntaxSwitches(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    markdown.Syntax
		src  string
		want []string
	}{
		{"shortcodes", markdown.Syntax{NoShortcodes: true}, "Go {{< param x >}} now.\n", []string{"Go {{< param x >}} now."}},
		{"alerts", markdown.Syntax{NoAlerts: true}, "> [!NOTE]\n> Body.\n", []string{"[!NOTE]\nBody."}},
		{"admonitions", markdown.Syntax{NoAdmonitions: true}, ":::tip Title\nBody.\n:::\n", []string{":::tip Title\nBody.\n:::"}},
		{"attributes", markdown.Syntax{NoAttributes: true}, "[a](b){ .c } d\n", []string{"<1>a</1>{ .c } d"}},
		{"MDX", markdown.Syntax{NoMDX: true}, "import X from 'y'\n", []string{"import X from 'y'"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, siteTexts(t, tc.src, markdown.Options{Syntax: tc.s})); d != "" {
				t.Errorf("segments (-want +got):\n%s", d)
			}
		})
	}
}

// TestShortcodeArgumentTranslation: a translated argument is written back
// inside its quotes, a quote escaped as Hugo reads it; what the quotes
// cannot hold is rejected.
func TestShortcodeArgumentTranslation(t *testing.T) {
	src := "{{< figure src=\"a.png\" caption=\"A llama\" >}}\n"
	doc, err := markdown.Extract("f.md", []byte(src))
	if err != nil || len(doc.Segments) != 1 {
		t.Fatalf("segments %v, %v", doc, err)
	}
	for _, tc := range []struct {
		text, want, code string
	}{
		{text: `Una "llama"`, want: `{{< figure src="a.png" caption="Una \"llama\"" >}}` + "\n"},
		{text: "Una llama >}} {{< x", want: `{{< figure src="a.png" caption="Una llama >}} {{< x" >}}` + "\n"},
		{text: "Una\nllama", want: src, code: markdown.CodeShortcodeArgument},
		{text: `Una llama\`, want: src, code: markdown.CodeShortcodeArgument},
		{text: `Una \llama`, want: `{{< figure src="a.png" caption="Una \llama" >}}` + "\n"},
		{text: `Una \llama"`, want: src, code: markdown.CodeShortcodeArgument},
	} {
		out, _, rej, _ := markdown.Localize(doc, func(*pipeline.Segment) (string, bool) { return tc.text, true })
		if string(out) != tc.want {
			t.Errorf("%q: got\n%s\nwant\n%s", tc.text, out, tc.want)
		}
		if got := len(rej) > 0 && hasCode(rej[0].Problems, tc.code); tc.code != "" && !got {
			t.Errorf("%q: want rejected with %s, got %+v", tc.text, tc.code, rej)
		}
	}
}

// TestFrontMatterKeysPerGenerator: each generator's keys, and keys that
// must not change stay byte for byte under the defaults.
func TestFrontMatterKeysPerGenerator(t *testing.T) {
	for gen, want := range map[string][]string{
		"hugo":       {"title", "description", "summary", "linkTitle"},
		"Docusaurus": {"title", "sidebar_label", "description"},
		"mkdocs":     {"title", "description"},
		"":           markdown.DefaultFrontMatterKeys,
	} {
		if got := markdown.FrontMatterKeys(gen); !slices.Equal(got, want) {
			t.Errorf("FrontMatterKeys(%q) = %v, want %v", gen, got, want)
		}
	}
	src := "---\ntitle: T\nlinkTitle: L\nsidebar_label: S\nslug: /s\naliases: [/a]\nweight: 2\ndate: 2024-05-01\n---\nBody.\n"
	got := siteTexts(t, src, markdown.Options{})
	if d := cmp.Diff([]string{"T", "L", "S", "Body."}, got); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
	qps, _, _, _ := markdown.Localize(mustExtract(t, src), pseudoTranslate)
	for _, keep := range []string{"slug: /s\n", "aliases: [/a]\n", "weight: 2\n", "date: 2024-05-01\n"} {
		if !strings.Contains(string(qps), keep) {
			t.Errorf("%q changed:\n%s", keep, qps)
		}
	}
}

// TestCommonMarkHasNoSiteSyntax: no CommonMark example is read as site
// syntax, so none lost prose to it.
func TestCommonMarkHasNoSiteSyntax(t *testing.T) {
	site := []ast.NodeKind{markdown.KindShortcode, markdown.KindShortcodeBlock, markdown.KindAttrList, markdown.KindMarker, markdown.KindAdmonition, markdown.KindESM}
	for _, ex := range testshared.CommonMark(t) {
		src := []byte(ex.Markdown)
		_ = ast.Walk(markdown.Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && slices.Contains(site, n.Kind()) {
				t.Errorf("example %d: read as %s: %q", ex.Example, n.Kind(), ex.Markdown)
			}
			return ast.WalkContinue, nil
		})
	}
}

func mustExtract(t *testing.T, src string) *pipeline.Document {
	t.Helper()
	doc, err := markdown.Extract("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
