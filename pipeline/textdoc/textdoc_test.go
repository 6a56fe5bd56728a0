package textdoc_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

func identity(seg *pipeline.Segment) (string, bool) { return seg.Text, true }

const seedMarkdown = "../../content/us-military-bases-in-peru.md"

// TestSeed: the seed article as it was delivered, in plain text, becomes
// exactly the Markdown document the project ships.
func TestSeed(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testshared.Dir(t), "seed", "us-military-bases-in-peru.txt"))
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	want, err := os.ReadFile(seedMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := textdoc.Extract("us-military-bases-in-peru.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	got, rej := textdoc.ToMarkdown(doc, identity)
	if len(rej) > 0 {
		t.Errorf("rejected: %v", rej)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("Markdown differs from %s (-want +got):\n%s", seedMarkdown, d)
	}
	// The text and the Markdown document give the same messages.
	mdoc, err := markdown.Extract("x.md", want)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(texts(mdoc), texts(doc)); d != "" {
		t.Errorf("messages differ from the Markdown document's (-md +txt):\n%s", d)
	}
}

// TestFromMarkdown runs without the shared data: the plain text is made
// back from the shipped Markdown (markers and blank lines removed).
func TestFromMarkdown(t *testing.T) {
	md, err := os.ReadFile(seedMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(md), "\n"), "\n") {
		if l != "" {
			lines = append(lines, strings.TrimLeft(l, "# "))
		}
	}
	for _, eol := range []string{"\n", "\r\n"} {
		src := []byte(strings.Join(lines, eol))
		doc, _ := textdoc.Extract("a.txt", src)
		got, _ := textdoc.ToMarkdown(doc, identity)
		if !bytes.Equal(got, md) {
			t.Errorf("line endings %q: Markdown differs:\n%s", eol, cmp.Diff(string(md), string(got)))
		}
	}
}

func texts(doc *pipeline.Document) []string {
	var out []string
	for _, s := range doc.Segments {
		out = append(out, fmt.Sprintf("%s: %s", s.Kind, s.Text))
	}
	return out
}

func TestExtract(t *testing.T) {
	src := "\uFEFFMy Title\r\n\r\n  A heading: with colon  \nIs this a heading?\nThis one ends with a period.\n" +
		strings.Repeat("long ", 20) + "line without period\n2025\nTags like <1> stay text\n\n"
	doc, err := textdoc.Extract("a.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"title: My Title",
		"heading: A heading: with colon",
		"heading: Is this a heading?",
		"paragraph: This one ends with a period.",
		"paragraph: " + strings.Repeat("long ", 20) + "line without period",
		"heading: Tags like <1/>1> stay text",
	}
	if d := cmp.Diff(want, texts(doc)); d != "" {
		t.Errorf("segments differ (-want +got):\n%s", d)
	}
	if s := doc.Segments[1]; s.Line != 3 || s.Col != 3 {
		t.Errorf("heading at %d:%d, want 3:3", s.Line, s.Col)
	}
	if s := doc.Segments[5]; string(doc.Source[s.Start():s.Stop()]) != "Tags like <1> stay text" {
		t.Errorf("segment bytes %q", doc.Source[s.Start():s.Stop()])
	}
	md, _ := textdoc.ToMarkdown(doc, identity)
	wantMD := "# My Title\n\n## A heading: with colon\n\n## Is this a heading?\n\nThis one ends with a period.\n\n" +
		strings.Repeat("long ", 20) + "line without period\n\n## 2025\n\n## Tags like \\<1> stay text\n"
	if d := cmp.Diff(wantMD, string(md)); d != "" {
		t.Errorf("Markdown differs (-want +got):\n%s", d)
	}
}

// TestEscaping: whatever a line or its translation holds, Markdown reads
// it as that text.
func TestEscaping(t *testing.T) {
	lines := []string{
		"1. Not a list item, but a paragraph that ends with a period.",
		"- Not a bullet either.",
		"# Not a heading.",
		"> Not a quote.",
		"*Not emphasis* and _not_ either, nor `code`.",
		"A [link](https://example.com) stays text.",
		"<script>alert(1)</script> stays text.",
		"Entities &amp; &#169; stay as typed, & alone too.",
		"A backslash \\* stays, and so does one at the end \\",
		"Pipes | stay | text.",
		"Heading hashes at the end ##",
		"~~Not struck~~ and <http://autolink.example> stay text.",
		"***",
		"===",
		"    Indented text is not code.",
		"Trailing spaces are not a break.   ",
	}
	src := "Title\n" + strings.Join(lines, "\n")
	doc, _ := textdoc.Extract("a.txt", []byte(src))
	md, _ := textdoc.ToMarkdown(doc, identity)
	got := blockTexts(t, md)
	want := []string{"h1 Title"}
	for _, b := range doc.Segments[1:] {
		tag := "p"
		if b.Kind == pipeline.KindHeading {
			tag = "h2"
		}
		want = append(want, tag+" "+strings.TrimSpace(string(doc.Source[b.Start():b.Stop()])))
	}
	want = slicesInsertNoLetters(want, doc, src)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("rendered blocks differ (-want +got):\n%s\nMarkdown:\n%s", d, md)
	}
}

// slicesInsertNoLetters adds the blocks that are not segments (lines with
// no letters) where they stand.
func slicesInsertNoLetters(want []string, doc *pipeline.Document, src string) []string {
	var out []string
	k := 0
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i == 0 || k < len(doc.Segments) && strings.TrimSpace(string(doc.Source[doc.Segments[k].Start():doc.Segments[k].Stop()])) == l {
			out = append(out, want[k])
			k++
			continue
		}
		tag := "p"
		if utf8.RuneCountInString(l) < textdoc.MaxHeading && !strings.HasSuffix(l, ".") {
			tag = "h2"
		}
		out = append(out, tag+" "+l)
	}
	return out
}

// blockTexts renders Markdown and lists each block element with its text.
func blockTexts(t testing.TB, md []byte) []string {
	var buf bytes.Buffer
	if err := markdown.New().Convert(md, &buf); err != nil {
		t.Fatal(err)
	}
	var out []string
	z := html.NewTokenizer(&buf)
	cur := -1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken:
			switch tok.Data {
			case "h1", "h2", "p":
				out = append(out, tok.Data+" ")
				cur = len(out) - 1
			default:
				out = append(out, "unexpected <"+tok.Data+">")
			}
		case html.EndTagToken:
			cur = -1
		case html.TextToken:
			if cur >= 0 {
				out[cur] += tok.Data
			} else if strings.TrimSpace(tok.Data) != "" {
				out = append(out, "stray text "+tok.Data)
			}
		default:
			out = append(out, fmt.Sprintf("unexpected %v", tt))
		}
	}
}

func TestTranslate(t *testing.T) {
	src := "Title\nA heading\nA paragraph with <1> in it.\n"
	doc, _ := textdoc.Extract("a.txt", []byte(src))
	tr := map[string]string{
		"Title":                          "Título <b>*falso*</b>",
		"A heading":                      "# Un encabezado",
		"A paragraph with <1/>1> in it.": "Un párrafo con <1/>1> [y](javascript:alert(1)).",
	}
	md, rej := textdoc.ToMarkdown(doc, func(s *pipeline.Segment) (string, bool) { v, ok := tr[s.Text]; return v, ok })
	if len(rej) > 0 {
		t.Fatalf("rejected: %v", rej)
	}
	want := []string{"h1 Título <b>*falso*</b>", "h2 # Un encabezado", "p Un párrafo con <1> [y](javascript:alert(1))."}
	if d := cmp.Diff(want, blockTexts(t, md)); d != "" {
		t.Errorf("rendered blocks differ (-want +got):\n%s\n%s", d, md)
	}

	md, rej = textdoc.ToMarkdown(doc, func(s *pipeline.Segment) (string, bool) { return "<2/> bad", true })
	if len(rej) != len(doc.Segments) {
		t.Errorf("want every translation rejected, got %v", rej)
	}
	orig, _ := textdoc.ToMarkdown(doc, identity)
	if !bytes.Equal(md, orig) {
		t.Errorf("rejected translations must keep the source:\n%s", md)
	}

	md, _ = textdoc.ToMarkdown(doc, func(s *pipeline.Segment) (string, bool) { return pseudo.Translate(s.Text), true })
	if got := blockTexts(t, md); len(got) != 3 || !strings.HasPrefix(got[0], "h1 ⟦") || !strings.HasPrefix(got[1], "h2 ⟦") || !strings.HasPrefix(got[2], "p ⟦") {
		t.Errorf("pseudo-translation changed the structure: %q", got)
	}
}

func FuzzToMarkdown(f *testing.F) {
	if md, err := os.ReadFile(seedMarkdown); err == nil {
		f.Add(string(md))
	}
	for _, s := range []string{"T\n1. x", "T\n<1> a", "T\n&amp;", "T\n\\", "T\n* * *", "T\n| a | b |\n|---|---|", "T\n  - x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.ContainsAny(src, "\x00\v\f") {
			t.Skip()
		}
		doc, err := textdoc.Extract("f.txt", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		md, rej := textdoc.ToMarkdown(doc, identity)
		if len(rej) > 0 {
			t.Fatalf("rejected: %v", rej)
		}
		var lines []string
		for _, l := range strings.Split(src, "\n") {
			if l = strings.Trim(strings.TrimPrefix(l, "\uFEFF"), " \t\r"); l != "" {
				lines = append(lines, strings.ReplaceAll(l, "\r", " ")) // a lone CR is a space
			}
		}
		got := blockTexts(t, md)
		if len(got) != len(lines) {
			t.Fatalf("%d lines became %d blocks: %q\n%s", len(lines), len(got), got, md)
		}
		for i, l := range lines {
			text := got[i][strings.IndexByte(got[i], ' ')+1:]
			if text != l {
				t.Fatalf("line %q reads as %q\n%s", l, text, md)
			}
		}
	})
}

func BenchmarkToMarkdown(b *testing.B) {
	src, err := os.ReadFile(seedMarkdown)
	if err != nil {
		b.Fatal(err)
	}
	doc, _ := textdoc.Extract("a.txt", src)
	b.ReportAllocs()
	for b.Loop() {
		textdoc.ToMarkdown(doc, identity)
	}
}

// TestReferencesToInvisiblesRejected: the page of a plain text document
// shows a reference as typed, but its title and description decode it,
// so a control character or a bidi control written as a reference is
// rejected; other references are text.
func TestReferencesToInvisiblesRejected(t *testing.T) {
	doc, _ := textdoc.Extract("a.txt", []byte("Title\nA paragraph.\n"))
	for _, tc := range []struct {
		tr     string
		reject bool
	}{
		{"Un &#x202E;párrafo.", true},
		{"Un &rlm;párrafo.", true},
		{"Un párrafo&#x7 ya.", true},
		{"Un párrafo &amp; &lt;más&gt;.", false},
		{"Un pár&#x200B;rafo.", false},
	} {
		_, rej := textdoc.ToMarkdown(doc, func(s *pipeline.Segment) (string, bool) {
			if s.Text == "A paragraph." {
				return tc.tr, true
			}
			return "", false
		})
		if (len(rej) > 0) != tc.reject {
			t.Errorf("%q: rejected %v, want %v", tc.tr, rej, tc.reject)
		}
	}
}

// TestBareAddressesArePlaceholders: a bare URL or e-mail address in a
// plain-text line reaches translators as a tag that carries content, as
// in Markdown, so a translation (or the pseudo-locale) cannot garble it,
// and the Markdown written back holds it as it was.
func TestBareAddressesArePlaceholders(t *testing.T) {
	src := "Links\n\nWrite to help@example.com or see https://example.com/docs for more.\nwww.example.org/map\n"
	doc, err := textdoc.Extract("a.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"title: Links", "paragraph: Write to <1/> or see <2/> for more."}, texts(doc)); d != "" {
		t.Fatalf("segments differ (-want +got):\n%s", d)
	}
	phs := doc.Segments[1].Placeholders
	if len(phs) != 2 || phs[0].Open != "help@example.com" || phs[1].Open != "https://example.com/docs" || !phs[0].Content || !phs[1].Content {
		t.Fatalf("placeholders %+v", phs)
	}
	md, rejected := textdoc.ToMarkdown(doc, func(seg *pipeline.Segment) (string, bool) {
		return strings.ToUpper(seg.Text), true
	})
	want := "# LINKS\n\nWRITE TO help@example.com OR SEE https://example.com/docs FOR MORE.\n\n## www.example.org/map\n"
	if d := cmp.Diff(want, string(md)); d != "" || len(rejected) > 0 {
		t.Errorf("Markdown differs (-want +got):\n%s\nrejected: %v", d, rejected)
	}
}
