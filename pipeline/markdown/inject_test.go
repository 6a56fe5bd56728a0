package markdown_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

var update = flag.Bool("update", false, "rewrite generated files: golden files in testdata/, the table of docs/SECURITY.md")

func replaceSRC(text, src string) string { return strings.ReplaceAll(text, "$SRC", src) }

// TestAttacks tries every row of the attack table on every segment it
// names, one segment at a time, and checks what a reader's browser gets:
// the same HTML elements and attributes as the source page (nothing new:
// no tag, link, URL, script or event handler), the same document shape,
// and the translator's characters shown as text.
func TestAttacks(t *testing.T) {
	type fixture struct {
		src  []byte
		doc  *pipeline.Document
		base page
		want []string
	}
	fixtures := map[string]*fixture{}
	for _, name := range []string{"attack.md", siteDoc} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := markdown.Extract(name, src)
		if err != nil {
			t.Fatal(err)
		}
		base := inspect(t, src)
		if bad := base.dangerous(); bad != "" {
			t.Fatalf("%s itself has %s", name, bad)
		}
		fixtures[name] = &fixture{src, doc, base, markdown.Shape(markdown.Parse(src), src)}
	}
	total := 0
	for _, a := range attacks {
		f := fixtures["attack.md"]
		if a.Doc != "" {
			f = fixtures[a.Doc]
		}
		src, doc, base, want := f.src, f.doc, f.base, f.want
		t.Run(a.Name, func(t *testing.T) {
			tried, needed := 0, 0
			for _, seg := range doc.Segments {
				if !a.applies(seg) {
					continue
				}
				tried++
				text := a.translation(seg)
				tr := func(s *pipeline.Segment) (string, bool) {
					if s == seg {
						return text, true
					}
					return s.Text, true
				}
				out, _, rej, changed := markdown.Localize(doc, tr)
				raw := verbatim(doc, seg, text)
				if !bytes.Equal(out, raw) {
					needed++
				}
				got := inspect(t, out)
				fail := func(format string, args ...any) {
					t.Helper()
					t.Errorf("on %s %q, translation %q: %s\noutput (-source +output):\n%s", seg.Kind, seg.Text, text, fmt.Sprintf(format, args...),
						cmp.Diff(strings.Split(string(src), "\n"), strings.Split(string(out), "\n")))
				}
				if bad := got.dangerous(); bad != "" {
					fail("the page has %s", bad)
				}
				switch a.Does {
				case lost, dropped:
					if changed != (a.Does == lost) {
						fail("Localize reports changed %v for %s", changed, a.Does)
					}
					if extra := notIn(got.tags, base.tags); extra != "" {
						fail("new markup %s", extra)
					}
				default:
					if changed {
						fail("Localize reports a changed shape")
					}
					if d := cmp.Diff(base.tags, got.tags); d != "" {
						fail("HTML elements differ (-source +output):\n%s", d)
					}
					if d := cmp.Diff(want, markdown.Shape(markdown.Parse(out), out)); d != "" {
						fail("shape differs (-source +output):\n%s", d)
					}
				}
				if a.Does == rejected {
					if len(rej) != 1 || rej[0].Segment != seg || !hasCode(rej[0].Problems, a.Code) {
						fail("want the translation rejected with %s, got %+v", a.Code, rej)
					}
					if !bytes.Equal(out, src) {
						fail("a rejected translation changed the document")
					}
					continue
				}
				if len(rej) > 0 {
					fail("rejected: %+v", rej[0].Problems)
				}
				if a.Does == kept && !bytes.Equal(out, raw) {
					fail("escaped, want it kept as written")
				}
				if a.Does != lost && a.Does != dropped && !strings.Contains(got.text, normalize(a.shows(seg))) {
					fail("the reader does not see %q as text; the page reads %q", normalize(a.shows(seg)), got.text)
				}
			}
			if tried == 0 {
				t.Fatalf("no segment of %s is %q", doc.Path, a.On)
			}
			if a.Does == escaped && needed == 0 {
				t.Errorf("never escaped on %d segments: the row should say %q", tried, kept)
			}
			total += tried
		})
	}
	t.Logf("%d attacks, %d translations tried", len(attacks), total)
}

// verbatim splices a translation into the document as written: tags
// replaced by their markup, each line break followed by the container
// prefix of the source's lines, nothing escaped.
func verbatim(doc *pipeline.Document, seg *pipeline.Segment, text string) []byte {
	var v []byte
	for _, t := range placeholder.Parse(text) {
		switch {
		case t.Kind == placeholder.Text || t.N < 1 || t.N > len(seg.Placeholders):
			v = append(v, t.Text...)
		case t.Kind == placeholder.Close:
			v = append(v, seg.Placeholders[t.N-1].Close...)
		default:
			v = append(v, seg.Placeholders[t.N-1].Open...)
		}
	}
	src := doc.Source
	out := append([]byte(nil), src[:seg.Start()]...)
	k := 0
	for _, c := range v {
		out = append(out, c)
		switch {
		case c == '\n' && len(seg.Lines) > 1:
			g := min(k, len(seg.Lines)-2)
			out = append(out, src[seg.Lines[g].Stop:seg.Lines[g+1].Start]...)
			k++
		case c == '\n':
			out = append(out, markdown.ContinuationPrefix(src, seg.Start())...)
		}
	}
	return append(out, src[seg.Stop():]...)
}

func hasCode(probs []pipeline.Problem, code string) bool {
	for _, p := range probs {
		if p.Code == code && p.Severity == "error" {
			return true
		}
	}
	return false
}

// page is what a browser makes of a rendered document: its elements with
// their attributes, in order, and its visible text.
type page struct {
	tags []string
	text string
}

// inspect renders Markdown as quipu's build does and reads it back with an
// HTML5 tokenizer. Image alt text is text the translator writes, so it
// counts as text, not as an attribute.
func inspect(t testing.TB, md []byte) page {
	t.Helper()
	var buf bytes.Buffer
	if err := markdown.New().Convert(md, &buf); err != nil {
		t.Fatal(err)
	}
	var p page
	var text strings.Builder
	z := html.NewTokenizer(&buf)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			p.text = normalize(text.String())
			return p
		case html.TextToken:
			text.Write(z.Text())
		case html.CommentToken:
			// A comment is markup; its words are not: an unterminated
			// comment in the source swallows the text after it, translated
			// or not.
			p.tags = append(p.tags, tt.String())
		case html.DoctypeToken:
			p.tags = append(p.tags, tt.String()+" "+z.Token().Data)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			var b strings.Builder
			b.WriteString(tt.String() + " " + tok.Data)
			attrs := slices.Clone(tok.Attr)
			slices.SortFunc(attrs, func(x, y html.Attribute) int { return strings.Compare(x.Key, y.Key) })
			for _, at := range attrs {
				v := at.Val
				if at.Key == "alt" {
					text.WriteString(" " + v + " ")
					v = "…"
				}
				fmt.Fprintf(&b, " %s=%q", at.Key, v)
			}
			p.tags = append(p.tags, b.String())
		}
	}
}

// dangerous names the first thing in the page that can run script or
// load from a scheme other than http(s) and fragments, or "".
func (p page) dangerous() string {
	for _, tag := range p.tags {
		fields := strings.Fields(tag)
		if len(fields) > 1 {
			switch fields[1] {
			case "script", "iframe", "object", "embed", "style", "form", "meta", "base", "svg", "math":
				return "a <" + fields[1] + "> element"
			}
		}
		for _, f := range fields[2:] {
			key, val, _ := strings.Cut(f, "=")
			if strings.HasPrefix(key, "on") {
				return "an event handler: " + tag
			}
			val = strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) || unicode.IsControl(r) || r == '"' {
					return -1
				}
				return unicode.ToLower(r)
			}, val)
			for _, scheme := range []string{"javascript:", "data:", "vbscript:"} {
				if strings.HasPrefix(val, scheme) {
					return "a " + scheme + " URL: " + tag
				}
			}
		}
	}
	return ""
}

// notIn returns an element of got that want does not have as many times.
func notIn(got, want []string) string {
	n := map[string]int{}
	for _, s := range want {
		n[s]++
	}
	for _, s := range got {
		if n[s]--; n[s] < 0 {
			return s
		}
	}
	return ""
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

const (
	docPath    = "../../docs/SECURITY.md"
	tableBegin = "<!-- attacks:begin: generated from pipeline/markdown/attacks_test.go by `go test ./pipeline/markdown -run TestSecurityDoc -update` -->"
	tableEnd   = "<!-- attacks:end -->"
)

// TestSecurityDoc keeps the table of docs/SECURITY.md equal to the table
// TestAttacks proves, so the document cannot claim what is not tested.
func TestSecurityDoc(t *testing.T) {
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i, j := strings.Index(doc, tableBegin), strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s: markers %q and %q not found", docPath, tableBegin, tableEnd)
	}
	have := doc[i+len(tableBegin) : j]
	want := "\n" + securityTable() + "\n"
	if have != want {
		if *update {
			doc = doc[:i+len(tableBegin)] + want + doc[j:]
			if err := os.WriteFile(docPath, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("rewrote %s", filepath.Clean(docPath))
		} else {
			t.Errorf("%s is out of date (run go test ./pipeline/markdown -run TestSecurityDoc -update):\n%s", docPath, cmp.Diff(have, want))
		}
	}
	// The table must read as one row per attack, five cells each.
	src := []byte(want)
	rows := 0
	_ = ast.Walk(markdown.Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*east.TableRow); ok && entering {
			rows++
			if r.ChildCount() != 5 {
				t.Errorf("row %d has %d cells", rows, r.ChildCount())
			}
		}
		return ast.WalkContinue, nil
	})
	if rows != len(attacks) {
		t.Errorf("the table has %d rows, want %d", rows, len(attacks))
	}
}

func securityTable() string {
	var b strings.Builder
	b.WriteString("| # | attack | the translator writes | tried on | what quipu does |\n")
	b.WriteString("| ---: | --- | --- | --- | --- |\n")
	for i, a := range attacks {
		on := "every segment"
		switch a.On {
		case "":
		case string(pipeline.KindListItem), string(pipeline.KindTableCell), string(pipeline.KindHeading):
			on = "every " + a.On
		default:
			on = "the segment " + codeCell(a.On+"…")
		}
		if a.Doc != "" {
			on += " of " + codeCell(a.Doc)
		}
		does := map[outcome]string{
			escaped:  "**escaped**: shown as typed",
			kept:     "**kept as text**: shown as typed",
			rejected: "**rejected** (`" + a.Code + "`): the English is used",
			lost:     "**used, markup lost**: build warns",
			dropped:  "**used, markup dropped**: check notes the missing tag",
		}[a.Does]
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", i+1, strings.ReplaceAll(a.Name, "|", `\|`), codeCell(a.Text), on, does)
	}
	return b.String()
}

// codeCell shows a translation in a table cell: line breaks as ↵,
// carriage returns as ␍, other invisible characters by code point.
func codeCell(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("↵")
		case r == '\r':
			b.WriteString("␍")
		case r == '|':
			b.WriteString(`\|`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || unicode.Is(unicode.Cf, r):
			fmt.Fprintf(&b, "U+%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
