package markdown

import (
	"bytes"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// dialect is a Markdown reader the published .md file may meet. quipu's
// own page is one; the file itself goes to sites and tools that read it
// with other extensions, and a translation must not gain structure under
// any of them.
type dialect struct {
	name string
	md   goldmark.Markdown
	// frontMatter: the reader skips a front matter block, as static site
	// generators do; the others read it as Markdown.
	frontMatter bool
}

// dialects are the readers a localized document is checked under: quipu's
// configuration, plain CommonMark, GitHub Flavored Markdown (tables,
// strikethrough, task lists and bare addresses made links) and Hugo's
// defaults (those of GFM plus definition lists, footnotes, typographic
// quotes and heading attributes).
var dialects = []dialect{
	{name: "quipu", md: md, frontMatter: true},
	{name: "CommonMark", md: goldmark.New()},
	{name: "GFM", md: goldmark.New(goldmark.WithExtensions(extension.GFM))},
	{name: "Hugo", md: goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.DefinitionList, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	), frontMatter: true},
}

// parseIn parses src as dialect d reads it.
func parseIn(d dialect, src []byte) ast.Node {
	if d.md == md {
		return Parse(src)
	}
	r := text.NewReader(src)
	if d.frontMatter {
		if n := bodyStart(src); n > 0 {
			r.Advance(n)
		}
	}
	return d.md.Parser().Parse(r)
}

// reading is a document as every dialect reads it.
type reading struct {
	src    []byte
	roots  []ast.Node
	shapes [][]string
	vis    []*visibility // made when needed
}

func read(src []byte) *reading {
	r := &reading{src: src, roots: make([]ast.Node, len(dialects)), shapes: make([][]string, len(dialects)), vis: make([]*visibility, len(dialects))}
	for i, d := range dialects {
		r.roots[i] = parseIn(d, src)
		r.shapes[i] = Shape(r.roots[i], src)
	}
	return r
}

func (r *reading) visible(i int) *visibility {
	if r.vis[i] == nil {
		r.vis[i] = visibleText(r.roots[i], r.src)
	}
	return r.vis[i]
}

// fits reports whether got may stand for want: quipu's own page has the
// same shape, and no other reader finds markup want lacks. Markup lost
// for another reader only (a front matter value's emphasis, escaped for
// readers that take front matter for Markdown) is no harm.
func fits(want, got *reading) bool {
	return sameShape(want.shapes[0], got.shapes[0]) && addedIn(want, got) == ""
}

// addedIn returns markup b has under some dialect that a lacks, named
// with the dialect when it is not quipu's, or "".
func addedIn(a, b *reading) string {
	for i := range a.shapes {
		if extra := added(a.shapes[i], b.shapes[i]); extra != "" {
			if i > 0 {
				return extra + " for " + dialects[i].name + " readers"
			}
			return extra
		}
	}
	return ""
}

// span is where a translated segment's bytes lie in an assembled document.
type span struct {
	seg         *pipeline.Segment
	text        string // the translation
	start, stop int
}

// CodeTextHidden is the problem code of a translation some of whose words
// no reader would see.
const CodeTextHidden = "text-hidden"

// hidden returns the translated segments some of whose words a reader of
// got does not see under some dialect: an unreferenced footnote
// definition, a link reference definition or raw HTML swallowed them.
// Words the source's own reading (want) hides as well are not held
// against the translation (an unused footnote hides the English too).
// Front matter values are metadata, not text of the page.
func hidden(doc *pipeline.Document, want, got *reading, spans []span) map[*pipeline.Segment]bool {
	var found map[*pipeline.Segment]bool
	fm, hasFM := findFrontMatter(doc.Source)
	hasFM = hasFM && bodyStart(doc.Source) > 0
	var buf []rune
	for _, sp := range spans {
		if hasFM && sp.seg.Stop() <= fm.stop {
			continue
		}
		buf = textLetters(buf[:0], sp.text)
		for i := range dialects {
			if got.visible(i).shows(sp.start, sp.stop, buf) {
				continue
			}
			if !want.visible(i).shows(sp.seg.Start(), sp.seg.Stop(), textLetters(nil, sp.seg.Text)) {
				continue
			}
			if found == nil {
				found = map[*pipeline.Segment]bool{}
			}
			found[sp.seg] = true
			break
		}
	}
	return found
}

// textLetters appends the letters and digits of a message's literal text
// to dst: what its translator wrote that must reach the reader.
// Punctuation may change on the way (typographic quotes, escapes).
func textLetters(dst []rune, msg string) []rune {
	for _, t := range placeholder.Parse(msg) {
		if t.Kind == placeholder.Text {
			for _, r := range t.Text {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					dst = append(dst, r)
				}
			}
		}
	}
	return dst
}

// visibility holds the byte ranges of a parsed document whose text a
// reader sees.
type visibility struct {
	src    []byte
	ranges []text.Segment
}

// visibleText collects the text of the nodes a renderer shows: text, code
// and the label of a link made from an address. Link reference
// definitions and unreferenced footnotes are not in the tree; raw HTML
// shows no text of its own.
func visibleText(root ast.Node, src []byte) *visibility {
	v := &visibility{src: src}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v.ranges = append(v.ranges, n.Segment)
		case *ast.AutoLink:
			// Its label is a slice of src, through a Text node goldmark
			// keeps unexported: its offset is what its capacity lacks.
			if lbl := n.Label(src); len(lbl) > 0 && cap(lbl) <= cap(src) {
				i := cap(src) - cap(lbl)
				if i+len(lbl) <= len(src) && bytes.Equal(src[i:i+len(lbl)], lbl) {
					v.ranges = append(v.ranges, text.NewSegment(i, i+len(lbl)))
				}
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				v.ranges = append(v.ranges, lines.At(i))
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// goldmark moves footnotes to the end of the tree.
	sort.Slice(v.ranges, func(i, j int) bool { return v.ranges[i].Start < v.ranges[j].Start })
	return v
}

// shows reports whether the visible text inside [start, stop) has the
// letters of want in their order, among others (the text of code spans
// and other markup the translation kept).
func (v *visibility) shows(start, stop int, want []rune) bool {
	i := 0
	// Ranges are sorted and do not overlap: the first that ends after
	// start is found by bisection.
	k := sort.Search(len(v.ranges), func(i int) bool { return v.ranges[i].Stop > start })
	for _, r := range v.ranges[k:] {
		if r.Start >= stop || i == len(want) {
			break
		}
		for b := v.src[max(r.Start, start):min(r.Stop, stop)]; len(b) > 0 && i < len(want); {
			c, size := utf8.DecodeRune(b)
			b = b[size:]
			if c == want[i] {
				i++
			}
		}
	}
	return i == len(want)
}
