package markdown

import (
	"bytes"
	"sort"
	"strings"
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
	// shortcodes: the reader runs after Hugo has replaced shortcodes.
	shortcodes bool
}

// dialects are the readers a localized document is checked under: quipu's
// configuration, plain CommonMark, GitHub Flavored Markdown (tables,
// strikethrough, task lists and bare addresses made links) and Hugo's
// defaults (those of GFM plus definition lists, footnotes, typographic
// quotes and heading attributes), with its shortcodes.
var dialects = []dialect{
	{name: "quipu", md: md, frontMatter: true},
	{name: "CommonMark", md: goldmark.New()},
	{name: "GFM", md: goldmark.New(goldmark.WithExtensions(extension.GFM))},
	{name: "Hugo", md: goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.DefinitionList, extension.Footnote, extension.Typographer,
			siteSyntax{Syntax{NoAlerts: true, NoAdmonitions: true, NoMDX: true}}),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	), frontMatter: true, shortcodes: true},
}

// parseIn parses src as dialect d reads it.
func parseIn(d dialect, src []byte) ast.Node {
	if d.md == md {
		return Parse(src)
	}
	start := 0
	if d.frontMatter {
		start = bodyStart(src)
	}
	root, _ := parseMasked(d.md.Parser(), src, start, d.shortcodes)
	return root
}

// reading is a document as every dialect reads it: its shape and the
// text a reader sees under each, and quipu's own tree. The other
// dialects' trees are dropped once read, one at a time, so a large
// document costs two trees of memory, not eight.
type reading struct {
	src    []byte
	roots  []ast.Node // quipu's own tree at 0; nil for the others
	shapes [][]string
	vis    []*visibility
}

// read reads src as every dialect does, or, with all unset, as quipu's
// own only (see plain).
func read(src []byte, all bool) *reading {
	r := &reading{src: src, roots: make([]ast.Node, len(dialects)), shapes: make([][]string, len(dialects)), vis: make([]*visibility, len(dialects))}
	for i, d := range dialects {
		if i > 0 && !all {
			break
		}
		root := parseIn(d, src)
		r.shapes[i] = Shape(root, src)
		if i > 0 {
			codeBlocksByKind(r.shapes[i])
		}
		r.vis[i] = visibleText(root, src)
		if i == 0 {
			r.roots[0] = root
		}
	}
	return r
}

func (r *reading) visible(i int) *visibility { return r.vis[i] }

// plain reports whether every translation tr gives doc is plain prose for
// every dialect: one line, its tags in the source's order, and no
// character an extension of another reader turns into markup (links made
// from addresses, footnotes, definition lists, tables, strikethrough, task
// lists, heading attributes) nor any that starts or ends markup at all.
// Such a translation can differ between readers only where quipu's own
// reading sees a difference too, so the other readers need not parse a
// document of plain translations: most documents, read once, not four
// times (a 50 MB document would take gigabytes of trees).
func plain(doc *pipeline.Document, tr pipeline.Translator) bool {
	for _, seg := range doc.Segments {
		text, ok := tr(seg)
		if !ok || text == seg.Text {
			continue
		}
		if !plainText(text, seg.Text) || inFootnote(doc.Source, seg.Start()) {
			return false
		}
	}
	return true
}

// plainLines reports whether every line break in text is followed by a
// letter or an opening mark, which continues a paragraph for every
// reader: no block can start there.
func plainLines(text string) bool {
	for i := strings.IndexByte(text, '\n'); i >= 0; i = strings.IndexByte(text, '\n') {
		text = text[i+1:]
		r, _ := utf8.DecodeRuneInString(text)
		if !unicode.IsLetter(r) && !strings.ContainsRune("¿¡«“\"'", r) {
			return false
		}
	}
	return true
}

// inFootnote reports whether the segment at off starts a footnote
// definition's text: for a reader without footnotes, "[^1]: word" is a
// link reference definition, whatever the word.
func inFootnote(src []byte, off int) bool {
	line := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.HasPrefix(bytes.TrimLeft(src[line:off], " \t>"), []byte("[^"))
}

func plainText(text, source string) bool {
	if strings.TrimSpace(text) != text {
		// Where quipu reads site syntax (an admonition's fence, a
		// shortcode's line) other readers may read a paragraph's line:
		// spaces ending the title after it make a hard break for them,
		// a line break starting the paragraph after it a new paragraph.
		return false
	}
	var tags, srcTags []placeholder.Token
	first := true
	for _, t := range placeholder.Parse(text) {
		if t.Kind != placeholder.Text {
			tags = append(tags, t)
			first = false
			continue
		}
		if strings.ContainsAny(t.Text, "\r[]{}<>|~*_`\\&@^$=#") || !plainLines(t.Text) || strings.Contains(t.Text, "://") ||
			strings.Contains(strings.ToLower(t.Text), "www.") || (first && strings.HasPrefix(strings.TrimLeft(t.Text, " \t"), ":")) ||
			(!first && (strings.HasPrefix(t.Text, "(") || strings.HasPrefix(t.Text, ":"))) {
			// "(" or ":" right after a tag may make its source bytes a
			// link or a definition for a reader without footnotes.
			return false
		}
		first = false
	}
	for _, t := range placeholder.Parse(source) {
		if t.Kind != placeholder.Text {
			srcTags = append(srcTags, t)
		}
	}
	if len(tags) != len(srcTags) {
		return false
	}
	for i := range tags {
		if tags[i].Kind != srcTags[i].Kind || tags[i].N != srcTags[i].N {
			return false
		}
	}
	return true
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
			if got.vis[i] == nil {
				break // quipu's reading only: the translations are plain
			}
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

// codeBlocksByKind leaves the text out of another reader's indented code
// blocks: the indented body of an MkDocs admonition is prose quipu
// translates and code to readers without admonitions, where its new words
// are still text, shown as code. A code block a translation adds still
// counts.
func codeBlocksByKind(shape []string) {
	for k, e := range shape {
		if strings.HasPrefix(e, "CodeBlock(") {
			shape[k] = "CodeBlock"
		}
	}
}
