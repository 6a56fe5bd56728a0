package htmldoc_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func identity(seg *pipeline.Segment) (string, bool) { return seg.Text, true }

func pseudoTr(seg *pipeline.Segment) (string, bool) { return pseudo.Translate(seg.Text), true }

func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.html")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func extract(t testing.TB, name string, src []byte) *pipeline.Document {
	t.Helper()
	doc, err := htmldoc.Extract(name, src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func TestIdentity(t *testing.T) {
	for name, src := range fixtures(t) {
		doc := extract(t, name, src)
		if len(doc.Segments) == 0 {
			t.Errorf("%s: no segments", name)
		}
		out, rej := htmldoc.Localize(doc, "", identity)
		if len(rej) > 0 {
			t.Errorf("%s: rejected %v", name, rej)
		}
		if !bytes.Equal(out, src) {
			t.Errorf("%s: identity build differs:\n%s", name, cmp.Diff(string(src), string(out)))
		}
		// Untranslated segments keep their bytes too.
		out, _ = htmldoc.Localize(doc, "", func(*pipeline.Segment) (string, bool) { return "", false })
		if !bytes.Equal(out, src) {
			t.Errorf("%s: build without translations differs", name)
		}
	}
}

// TestIdentityOwnLanguage: a document already in the locale asked for is
// left as it is.
func TestIdentityOwnLanguage(t *testing.T) {
	for _, src := range []string{
		`<html lang=en><p>Hi</p></html>`,
		`<html lang="es-PE" xml:lang='es-PE'><meta property="og:locale" content="es_PE"></html>`,
	} {
		lang := "en"
		if strings.Contains(src, "es-PE") {
			lang = "es-PE"
		}
		out, _ := htmldoc.Localize(extract(t, "a.html", []byte(src)), lang, identity)
		if string(out) != src {
			t.Errorf("build in the document's own language differs: %s", out)
		}
	}
}

func TestPseudoKeepsStructure(t *testing.T) {
	for name, src := range fixtures(t) {
		doc := extract(t, name, src)
		out, rej := htmldoc.Localize(doc, pseudo.Locale, pseudoTr)
		if len(rej) > 0 {
			t.Errorf("%s: rejected %v", name, rej)
		}
		if d := cmp.Diff(structure(src), structure(out)); d != "" {
			t.Errorf("%s: pseudo-translation changed the structure (-source +built):\n%s", name, d)
		}
		if n := strings.Count(string(out), "⟦"); n != len(doc.Segments) {
			t.Errorf("%s: %d segments, %d pseudo-translated in the output", name, len(doc.Segments), n)
		}
		// Reading the output again finds the same segments, translated.
		again := extract(t, name, out)
		if len(again.Segments) != len(doc.Segments) {
			t.Fatalf("%s: %d segments in the output, %d in the source", name, len(again.Segments), len(doc.Segments))
		}
		for i, s := range doc.Segments {
			if got, want := again.Segments[i].Text, pseudo.Translate(s.Text); got != want {
				t.Errorf("%s: segment %d reads back as\n %q\nwant\n %q", name, i, got, want)
			}
		}
	}
}

// structure lists what a document is made of apart from its words: tags
// with their attributes (less the translatable ones and the language),
// comments, doctypes and the text of scripts and styles.
func structure(src []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(src))
	raw := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if raw {
				out = append(out, "raw "+tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			var attrs []string
			for _, a := range tok.Attr {
				if a.Key == "lang" || a.Key == "xml:lang" {
					continue // set to the locale
				}
				if translatable(tok, a.Key) || (tok.Data == "meta" && a.Key == "content") {
					attrs = append(attrs, a.Key+"=…")
					continue
				}
				attrs = append(attrs, fmt.Sprintf("%s=%q", a.Key, a.Val))
			}
			out = append(out, fmt.Sprintf("%v %s %s", tt, tok.Data, strings.Join(attrs, " ")))
		default:
			out = append(out, fmt.Sprintf("%v %q", tt, tok.Data))
		}
		raw = tt == html.StartTagToken && (tok.Data == "script" || tok.Data == "style")
	}
}

func translatable(tok html.Token, key string) bool {
	switch key {
	case "alt", "title", "placeholder", "aria-label":
		return true
	case "value":
		return tok.Data == "input"
	}
	return false
}

func TestGolden(t *testing.T) {
	for name, src := range fixtures(t) {
		doc := extract(t, name, src)
		var b strings.Builder
		for _, s := range doc.Segments {
			fmt.Fprintf(&b, "%d:%d %s %s\n\t%s\n", s.Line, s.Col, s.Kind, s.ID, s.Text)
			for i, p := range s.Placeholders {
				open, _ := pipeline.Tag(i+1, p.Kind)
				fmt.Fprintf(&b, "\t%s %s: %q", open, p.Label, p.Open)
				if p.Kind == pipeline.Paired {
					fmt.Fprintf(&b, " … %q", p.Close)
				}
				b.WriteByte('\n')
			}
		}
		golden := filepath.Join("testdata", strings.TrimSuffix(name, ".html")+".segments")
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if d := cmp.Diff(string(want), b.String()); d != "" {
			t.Errorf("%s: segments differ from %s (-want +got):\n%s", name, golden, d)
		}
	}
}

func TestExtractText(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // Kind: Text of each segment
	}{
		{"entities decoded", `<p>caf&eacute; &amp; t&eacute;</p>`, []string{"paragraph: café & té"}},
		{"white space collapsed", "<p>\n  one\n\t two  </p>", []string{"paragraph: one two"}},
		{"inline pairs", `<p>a <b>b</b> <a href="x">c</a></p>`, []string{"paragraph: a <1>b</1> <2>c</2>"}},
		{"wrapping link stays out", `<li><a href="/">Home</a></li>`, []string{"list item: Home"}},
		{"void and opaque", `<p>Run <code>go test</code><br>now <img src=a.png></p>`, []string{"paragraph: Run <1/><2/>now <3/>"}},
		{"literal tag text", `<p>&lt;1&gt; is a tag</p>`, []string{"paragraph: <1/>1> is a tag"}},
		{"title and attributes", `<title>T</title><img alt="A cat" title="Cat">`, []string{"title: T", "attribute: A cat", "attribute: Cat"}},
		{"meta", `<meta name="description" content="About us"><meta name="author" content="Ana">`, []string{"attribute: About us"}},
		{"social meta", `<meta property="og:title" content="Hi there"><meta property="og:description" content="More">`, []string{"attribute: Hi there", "attribute: More"}},
		{"skipped", `<script>x="a b"</script><style>p{}</style><pre>keep me</pre><svg><text>no</text></svg><!-- note -->`, nil},
		{"translate no", `<div translate="no"><p>Keep</p><img alt="keep"></div><p class="x notranslate">Keep</p><p>Go</p>`, []string{"paragraph: Go"}},
		{"inline translate no", `<p>Call <span translate="no">Acme</span> today</p>`, []string{"paragraph: Call <1/> today"}},
		{"implied ends", `<ul><li>one<li>two</ul><p>three<p>four`, []string{"list item: one", "list item: two", "paragraph: three", "paragraph: four"}},
		{"heading and cells", `<h2>Hi</h2><table><tr><td>cell</td></tr></table>`, []string{"heading: Hi", "table cell: cell"}},
		{"div with text", `<div>Loose text<div>Inner</div></div>`, []string{"paragraph: Loose text", "paragraph: Inner"}},
		{"no letters", `<p>2025</p><p>— · —</p>`, nil},
		{"empty pair", `<p><a id="x"></a>Anchor</p>`, []string{"paragraph: <1/>Anchor"}},
		{"unclosed inline", `<p>a <b>b</p>`, []string{"paragraph: a <1/>b"}},
		{"unclosed code", `<p>run <code>x</p><p>next</p>`, []string{"paragraph: run <1/>x", "paragraph: next"}},
		{"submit value", `<input type=submit value="Send"><input type=text value="Keep">`, []string{"attribute: Send"}},
		{"comment inside", `<p>a <!-- x --> b</p>`, []string{"paragraph: a <1/> b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extract(t, "t.html", []byte(tt.src))
			var got []string
			for _, s := range doc.Segments {
				got = append(got, fmt.Sprintf("%s: %s", s.Kind, s.Text))
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("segments differ (-want +got):\n%s", d)
			}
			out, _ := htmldoc.Localize(doc, "", identity)
			if string(out) != tt.src {
				t.Errorf("identity build differs: %q", out)
			}
		})
	}
}

func TestLocalize(t *testing.T) {
	tests := []struct {
		name, src, locale string
		tr                map[string]string // source text -> translation
		want              string
	}{
		{"text escaped", `<p>Hello</p>`, "", map[string]string{"Hello": "Hola & <adiós>"}, `<p>Hola &amp; &lt;adiós&gt;</p>`},
		{"tags moved", `<p>a <b>b</b> c</p>`, "", map[string]string{"a <1>b</1> c": "<1>B</1> y A"}, `<p><b>B</b> y A</p>`},
		{"attribute quoted", `<img alt=cat>`, "", map[string]string{"cat": `"gato"`}, `<img alt="&#34;gato&#34;">`},
		{"single quotes", `<img alt='cat'>`, "", map[string]string{"cat": `it's`}, `<img alt='it&#39;s'>`},
		{"attribute inside markup", `<p>See <a href=x title="More">docs</a></p>`, "", map[string]string{"See <1>docs</1>": "Ver <1>documentos</1>", "More": "Más"}, `<p>Ver <a href=x title="Más">documentos</a></p>`},
		{"attribute inside untranslated markup", `<p>See <a href=x title="More">docs</a></p>`, "", map[string]string{"More": "Más"}, `<p>See <a href=x title="Más">docs</a></p>`},
		{"literal lt kept", `<p>&lt;1&gt; tag</p>`, "", map[string]string{"<1/>1> tag": "etiqueta <1/>1>"}, `<p>etiqueta &lt;1&gt;</p>`},
		{"title", `<title>News</title>`, "", map[string]string{"News": "Noticias <b>"}, `<title>Noticias &lt;b&gt;</title>`},
		{"lang added", `<html><p>x</p></html>`, "es-PE", nil, `<html lang="es-PE"><p>x</p></html>`},
		{"lang replaced", `<HTML LANG=en-GB xml:lang='en-GB'>`, "es-PE", nil, `<HTML LANG="es-PE" xml:lang='es-PE'>`},
		{"og locale", `<meta property="og:locale" content="en_US">`, "es-PE", nil, `<meta property="og:locale" content="es_PE">`},
		{"fragment has no lang", `<p>x</p>`, "es-PE", nil, `<p>x</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extract(t, "t.html", []byte(tt.src))
			out, rej := htmldoc.Localize(doc, tt.locale, func(s *pipeline.Segment) (string, bool) {
				v, ok := tt.tr[s.Text]
				return v, ok
			})
			if len(rej) > 0 {
				t.Errorf("rejected: %v", rej)
			}
			if string(out) != tt.want {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
		})
	}
}

func TestRejected(t *testing.T) {
	src := `<p>a <b>b</b> c<br>d</p>`
	for _, bad := range []string{"<1>b c", "<3/> x", "<1/>b", "<2>x</2>", "<1>b</1> <1>c</1>"} {
		doc := extract(t, "t.html", []byte(src))
		out, rej := htmldoc.Localize(doc, "", func(*pipeline.Segment) (string, bool) { return bad, true })
		if len(rej) != 1 || len(rej[0].Problems) == 0 {
			t.Errorf("%q: want one rejection, got %v", bad, rej)
		}
		if string(out) != src {
			t.Errorf("%q: a rejected translation must keep the source, got %s", bad, out)
		}
	}
}

// TestInjection: whatever a translator writes, the built page has the
// source's elements and attributes, and the translation reads as text.
func TestInjection(t *testing.T) {
	payloads := []string{
		`<script>alert(1)</script>`,
		`"><img src=x onerror=alert(1)>`,
		`' onmouseover='alert(1)`,
		`</title><script>alert(1)</script>`,
		`</textarea><svg onload=alert(1)>`,
		`<!-- comment --> <![CDATA[x]]>`,
		`&lt;b&gt; &amp;amp; &#60;i&#62;`,
		// References to invisible characters are shown as typed, never
		// decoded into the page: "&" is written "&amp;".
		`&#x202E;gnp.exe&#x202C; &rlm; &zwj; &#7; &#x85`,
		"nul \x00 byte",
		`<1/>`,
	}
	for name, src := range fixtures(t) {
		doc := extract(t, name, src)
		want := structure(src)
		for _, p := range payloads {
			out, rej := htmldoc.Localize(doc, "", func(s *pipeline.Segment) (string, bool) {
				return s.Text + " " + p, true
			})
			if p == "<1/>" || strings.Contains(p, "\x00") {
				// A control character is rejected everywhere.
				// A duplicated tag is rejected wherever the segment has a
				// standalone first placeholder; elsewhere it is unknown or of
				// the wrong kind: rejected too.
				if len(rej) != len(doc.Segments) {
					t.Errorf("%s: %q: %d of %d rejected", name, p, len(rej), len(doc.Segments))
				}
				continue
			}
			if len(rej) > 0 {
				t.Errorf("%s: %q: rejected %v", name, p, rej)
			}
			if d := cmp.Diff(want, structure(out)); d != "" {
				t.Errorf("%s: %q changed the structure (-source +built):\n%s", name, p, d)
			}
			shown := strings.ReplaceAll(p, "\x00", "\uFFFD")
			if again := extract(t, name, out); !strings.Contains(again.Segments[0].Text, strings.Join(strings.Fields(shown), " ")) {
				t.Errorf("%s: %q does not read back as text: %q", name, p, again.Segments[0].Text)
			}
		}
	}
}

func ExampleExtract() {
	src := []byte(`<p>Read <a href="/docs" title="The manual">the docs</a> &amp; the FAQ.</p>`)
	doc, _ := htmldoc.Extract("page.html", src)
	for _, s := range doc.Segments {
		fmt.Printf("%s: %s\n", s.Kind, s.Text)
	}
	out, _ := htmldoc.Localize(doc, "es-PE", func(s *pipeline.Segment) (string, bool) {
		switch s.Text {
		case "The manual":
			return "El manual", true
		case "Read <1>the docs</1> & the FAQ.":
			return "Lee <1>la documentación</1> y las preguntas frecuentes.", true
		}
		return "", false
	})
	fmt.Println(string(out))
	// Output:
	// paragraph: Read <1>the docs</1> & the FAQ.
	// attribute: The manual
	// <p>Lee <a href="/docs" title="El manual">la documentación</a> y las preguntas frecuentes.</p>
}

func BenchmarkExtract(b *testing.B) {
	src := fixtures(b)["news-article.html"]
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := htmldoc.Extract("a.html", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLocalize(b *testing.B) {
	src := fixtures(b)["news-article.html"]
	doc := extract(b, "a.html", src)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		htmldoc.Localize(doc, pseudo.Locale, pseudoTr)
	}
}
