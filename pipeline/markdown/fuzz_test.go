package markdown_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

// maxFuzzInput keeps each fuzz execution fast; size is what the large
// document test is for.
const maxFuzzInput = 1 << 14

// markdownSeeds are the CommonMark examples, a sample of tldr pages (when
// ../shared is there), this package's fixtures and the seed article.
func markdownSeeds(f *testing.F) [][]byte {
	seeds := testshared.Seeds(100)
	for _, s := range siteSeeds {
		seeds = append(seeds, []byte(s))
	}
	for _, glob := range []string{"testdata/*.md", "testdata/*.mdx", "../../content/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			seeds = append(seeds, b)
		}
	}
	return seeds
}

// siteSeeds are site syntax at its edges: unterminated, nested, inside
// containers, next to prose that looks like it.
var siteSeeds = []string{
	"{{< x\n",
	"{{< a title=\"t\" >}}x{{< /a >}}\n\n*{{< b >}}y*{{< /b >}}\n",
	"[a]({{< ref \"p.md\" >}} \"t\")\n![i]({{% relref p %}})\n",
	"> {{< q\n> title=\"x\" >}}\n",
	"- {{< x />}} y\n  {{</* z */>}}\n",
	"`{{< code >}}`\n\n```\n{{< fence >}}\n```\n",
	":::note[a [b] c]{#x}\nt\n:::\n\n::::\n:::\n",
	"!!! a b \"c \"d\" e\"\n    x\n\n        code\ny\n",
	"> [!NOTE]\n> [!TIP]\n>\n> x\n",
	"import {\n  a,\n} from 'b'\nexport default X\n\nimport prose\n",
	"# H {#id .c k=v}\np\n{: .x }\n{ .y } z {#w}\n",
	">{{<\n0 title=\"A\">}}",
}

// FuzzMarkdown checks segmentation on any input: no panic, segments in
// order inside the source, an identity build (with and without the
// unchanged-text shortcut) byte for byte equal to the input, and a
// pseudo-translation that is never rejected, adds no HTML element or
// attribute, and keeps the document's shape unless Localize reports lost
// markup. (Contrived delimiter runs such as "~~!~" can lose their
// emphasis next to the pseudo-locale's brackets, which are punctuation;
// TestCommonMarkPseudo and TestTldrPseudo require the exact shape.)
func FuzzMarkdown(f *testing.F) {
	for _, s := range markdownSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			t.Skip()
		}
		doc, err := markdown.Extract("fuzz.md", src)
		var pe *pipeline.Error
		if errors.As(err, &pe) && pe.Pos.Line > 0 {
			return // malformed front matter, reported at its position
		}
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, seg := range doc.Segments {
			if seg.Start() < prev || seg.Stop() < seg.Start() || seg.Stop() > len(src) {
				t.Fatalf("segment %q at [%d,%d) overlaps or leaves the source", seg.Text, seg.Start(), seg.Stop())
			}
			prev = seg.Stop()
		}
		out, rej := markdown.Assemble(doc, identity, true)
		if len(rej) > 0 || !bytes.Equal(out, src) {
			t.Fatalf("identity build differs (rejected %v):\n got %q\nwant %q", rej, out, src)
		}
		if sp := spliced(t, doc); !bytes.Equal(sp, src) {
			t.Fatalf("spliced identity build differs:\n got %q\nwant %q", sp, src)
		}
		if !utf8.Valid(src) {
			return // quipu refuses such documents before splitting them
		}
		out, _, rej, changed := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return pseudo.Segment(s), true })
		for _, r := range rej {
			// Delimiter soup such as "**!* *#J***" pairs differently once
			// its words change: the guard refuses the translation (the
			// source is kept), which is the safe outcome. Anything else
			// is a fault.
			for _, pr := range r.Problems {
				if pr.Code != "markup-added" {
					t.Fatalf("pseudo-translation rejected: %+v\nsrc %q", r.Problems, src)
				}
			}
		}
		if d := markdown.CompareShape(src, out); d != "" && !changed {
			t.Fatalf("pseudo-translation changed the shape unreported: %s\nsrc %q\nout %q", d, src, out)
		}
		if extra := notIn(inspect(t, out).tags, inspect(t, src).tags); extra != "" {
			t.Fatalf("pseudo-translation added %s\nsrc %q\nout %q", extra, src, out)
		}
	})
}

// FuzzLocalizeTranslation writes an arbitrary translation into one segment
// of testdata/attack.md and checks that the page has no element,
// attribute or URL the source page lacks, and keeps its shape unless
// Localize reports lost markup; and that CommonMark, GitHub's Markdown
// and Hugo's defaults find no markup in the output the source lacks, and
// show every word of a translation used.
func FuzzLocalizeTranslation(f *testing.F) { fuzzLocalize(f, "attack.md") }

// FuzzLocalizeSiteTranslation is FuzzLocalizeTranslation on
// testdata/attack_site.md: a shortcode's argument, admonitions' titles
// and bodies, an alert, an inline shortcode.
func FuzzLocalizeSiteTranslation(f *testing.F) { fuzzLocalize(f, siteDoc) }

func fuzzLocalize(f *testing.F, name string) {
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	doc, err := markdown.Extract(name, src)
	if err != nil {
		f.Fatal(err)
	}
	for _, a := range attacks {
		for i, seg := range doc.Segments {
			if a.applies(seg) && (a.Doc == name || a.Doc == "" && name != siteDoc || a.On == "") {
				f.Add(uint8(i), a.translation(seg))
			}
		}
	}
	base := inspect(f, src)
	want := markdown.Shape(markdown.Parse(src), src)
	others := make([][]string, len(readers))
	for i, rd := range readers {
		others[i] = rd.shape(src)
	}
	f.Fuzz(func(t *testing.T, n uint8, text string) {
		if len(text) > maxFuzzInput {
			t.Skip()
		}
		target := doc.Segments[int(n)%len(doc.Segments)]
		out, _, rej, changed := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) {
			if s == target {
				return text, true
			}
			return s.Text, true
		})
		got := inspect(t, out)
		if bad := got.dangerous(); bad != "" {
			t.Fatalf("translation %q of %q: the page has %s\n%s", text, target.Text, bad, out)
		}
		if extra := notIn(got.tags, base.tags); extra != "" {
			t.Fatalf("translation %q of %q: new markup %s\n%s", text, target.Text, extra, out)
		}
		if !changed && len(rej) == 0 {
			// Without a report, the shape is the source's less the markup
			// of the tags the translation drops.
			kept := keptShape(doc, target, text)
			if d := cmp.Diff(kept, markdown.Shape(markdown.Parse(out), out)); d != "" {
				t.Fatalf("translation %q of %q: shape changed without a report:\n%s", text, target.Text, d)
			}
		} else if !changed {
			if d := cmp.Diff(want, markdown.Shape(markdown.Parse(out), out)); d != "" {
				t.Fatalf("translation %q of %q: shape changed without a report:\n%s", text, target.Text, d)
			}
		}
		for i, rd := range readers {
			if extra := notIn(rd.shape(out), others[i]); extra != "" {
				t.Fatalf("translation %q of %q: new markup %s for %s\n%s", text, target.Text, extra, rd.name, out)
			}
			if len(rej) > 0 || bytes.Equal(out, src) {
				continue
			}
			seen := rd.words(t, out)
			for w, n := range wordCount(unescapeRefs(strings.Join(textOnly(text), " "))) {
				if seen[w] < n {
					t.Fatalf("translation %q of %q: %s does not show %q\n%s", text, target.Text, rd.name, w, out)
				}
			}
		}
	})
}

// keptShape is the shape of the document with seg's source text less the
// tags text drops: what a translation that moves no tag gives.
func keptShape(doc *pipeline.Document, seg *pipeline.Segment, text string) []string {
	has := map[int]bool{}
	for _, t := range placeholder.Parse(text) {
		if t.Kind != placeholder.Text {
			has[t.N] = true
		}
	}
	var b strings.Builder
	for _, t := range placeholder.Parse(seg.Text) {
		if t.Kind == placeholder.Text || has[t.N] {
			b.WriteString(t.Text)
		}
	}
	md, _ := markdown.Assemble(doc, func(s *pipeline.Segment) (string, bool) {
		if s == seg {
			return b.String(), true
		}
		return "", false
	}, true)
	return markdown.Shape(markdown.Parse(md), md)
}
