package markdown_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// reader is a Markdown renderer the published .md file may meet, set up
// here independently of quipu's own list.
type reader struct {
	name string
	md   goldmark.Markdown
	// skipsFrontMatter: static site generators read front matter as
	// metadata; the other readers read it as Markdown.
	skipsFrontMatter bool
}

var readers = []reader{
	{name: "CommonMark", md: goldmark.New()},
	{name: "GFM", md: goldmark.New(goldmark.WithExtensions(extension.GFM))},
	{name: "Hugo", md: goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.DefinitionList, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	), skipsFrontMatter: true},
}

var frontMatterRE = regexp.MustCompile(`^(?s)(---|\+\+\+)\n.*?\n(---|\+\+\+)\n`)

func (r reader) body(src []byte) []byte {
	if r.skipsFrontMatter {
		if m := frontMatterRE.Find(src); m != nil {
			return bytes.Repeat([]byte("\n"), len(m)) // keep offsets
		}
	}
	return src
}

func (r reader) shape(src []byte) []string {
	b := r.body(src)
	return markdown.Shape(r.md.Parser().Parse(text.NewReader(b)), b)
}

// words returns the words a reader of the rendered page sees, alt text
// included.
func (r reader) words(t *testing.T, src []byte) map[string]int {
	var buf bytes.Buffer
	if err := r.md.Convert(r.body(src), &buf); err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	z := html.NewTokenizer(&buf)
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		switch tt {
		case html.TextToken:
			sb.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				if a.Key == "alt" {
					sb.WriteString(" " + a.Val + " ")
				}
			}
		}
		sb.WriteByte(' ')
	}
	return wordCount(sb.String())
}

func wordCount(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out[w]++
	}
	return out
}

// dialectDoc has front matter, so its values are tried too.
const dialectFrontMatter = "+++\ntitle = \"Visiting Cusco\"\ndescription = 'A guide'\n+++\n"

// TestOtherRenderersKeepShape writes each hostile translation (every row
// of the attack table, plus front matter values) into every segment it
// names, one at a time, and reads the published Markdown with CommonMark,
// GitHub's Markdown and Hugo's defaults: under each, the document must
// keep the English's shape, and every word of a translation used must
// reach the page; else the translation must be rejected.
func TestOtherRenderersKeepShape(t *testing.T) {
	body, err := os.ReadFile("testdata/attack.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, fm := range []string{"", dialectFrontMatter, strings.ReplaceAll(strings.ReplaceAll(dialectFrontMatter, "+++", "---"), " = ", ": ")} {
		src := append([]byte(fm), body...)
		doc, err := markdown.Extract("attack.md", src)
		if err != nil {
			t.Fatal(err)
		}
		rows := attacks
		if fm != "" {
			rows = frontMatterAttacks
		}
		for _, rd := range readers {
			want := rd.shape(src)
			for _, a := range rows {
				for _, seg := range doc.Segments {
					if fm != "" && seg.Start() > len(fm) || !a.applies(seg) {
						continue
					}
					text := a.translation(seg)
					out, _, rej, _ := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) {
						if s == seg {
							return text, true
						}
						return s.Text, true
					})
					if len(rej) > 0 {
						if !bytes.Equal(out, src) {
							t.Errorf("%s: %q on %q: rejected, yet the document changed", rd.name, text, seg.Text)
						}
						continue
					}
					if a.Does == lost || a.Does == dropped {
						if extra := notIn(rd.shape(out), want); extra != "" {
							t.Errorf("%s: %q on %q: new markup %s\n%s", rd.name, text, seg.Text, extra, out)
						}
					} else if d := cmp.Diff(want, rd.shape(out)); d != "" {
						t.Errorf("%s: %q on %q: shape differs (-English +translation):\n%s\n%s", rd.name, text, seg.Text, d, out)
					}
					if seg.Start() < len(fm) {
						continue // metadata: not on the page
					}
					got := rd.words(t, out)
					for w, n := range wordCount(unescapeRefs(strings.Join(textOnly(text), " "))) {
						if got[w] < n {
							t.Errorf("%s: %q on %q: the page does not show %q:\n%s", rd.name, text, seg.Text, w, out)
						}
					}
				}
			}
		}
	}
}

// frontMatterAttacks are tried on front matter values.
var frontMatterAttacks = []attack{
	{Name: "script element", Text: "$SRC <script>alert(1)</script>"},
	{Name: "emphasis, code, strikethrough", Text: "$SRC *a* _b_ `c` ~~d~~"},
	{Name: "link to javascript:", Text: "$SRC [x](javascript:alert(1))"},
	{Name: "image", Text: "$SRC ![x](data:image/png;base64,AA==)"},
	{Name: "autolink", Text: "$SRC <javascript:alert(1)>"},
	{Name: "bare URL", Text: "$SRC https://evil.example/x"},
	{Name: "entity", Text: "$SRC &lt;b&gt;"},
	{Name: "pipe", Text: "$SRC | x"},
	{Name: "line break then a heading", Text: "$SRC\n# x"},
	{Name: "closing delimiter", Text: "$SRC\n+++\n# x"},
}

// textOnly returns the literal text of a message, tag by tag.
func textOnly(msg string) []string { return regexp.MustCompile(`</?\d{1,4}/?>`).Split(msg, -1) }

// entityRef is a character reference as CommonMark reads one: with its
// semicolon (html.UnescapeString also takes "&amp0" for "&0", as
// browsers do in HTML, which Markdown does not).
var entityRef = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// unescapeRefs replaces the character references Markdown reads in s.
func unescapeRefs(s string) string {
	return entityRef.ReplaceAllStringFunc(s, func(ref string) string {
		u := html.UnescapeString(ref)
		if u != ";" && strings.HasSuffix(u, ";") {
			return ref // "&lt0;": a known name's prefix only, not a reference
		}
		return u
	})
}
