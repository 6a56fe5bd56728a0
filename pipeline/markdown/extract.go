// Package markdown splits Markdown documents into segments and reassembles
// them from translations, keeping every byte outside the segments as it was.
package markdown

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// New returns the goldmark configuration quipu uses everywhere: CommonMark
// plus the GitHub extensions that content actually uses. Raw HTML written by
// the document's author is rendered as is; translators cannot add any,
// because translated text is escaped before it reaches the renderer.
//
// The site generators' own syntax (Hugo shortcodes, admonitions, alerts,
// attribute lists, MDX statements; see Syntax) is read as markup, so that
// it stays markup.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, siteSyntax{}),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}

var md = New()

// linkified is md reading bare URLs and e-mail addresses as links, the way
// GitHub does (GFM autolinks): for extraction only, so that such an address
// reaches translators as a tag they cannot garble. Pages are rendered by md,
// which leaves the address as the text it is.
// One is built for each set of site syntax a project reads.
func linkified(s Syntax) goldmark.Markdown {
	if m, ok := extractors.Load(s); ok {
		return m.(goldmark.Markdown)
	}
	m, _ := extractors.LoadOrStore(s, goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.Linkify, siteSyntax{s}),
		goldmark.WithParserOptions(parser.WithAttribute()),
	))
	return m.(goldmark.Markdown)
}

var extractors sync.Map // Syntax to goldmark.Markdown

// Renderer is the HTML renderer of quipu's configuration, shared: it holds
// no state between calls, and building one costs more than most renders.
func Renderer() renderer.Renderer { return md.Renderer() }

// bom is the UTF-8 byte order mark some editors write first.
var bom = []byte("\uFEFF")

// Parse parses src with quipu's Markdown configuration. A front matter
// block at the start is metadata, not Markdown: the tree begins after it,
// with offsets into the whole of src.
//
// goldmark reads a leading byte order mark as text (so "# Title" would be a
// paragraph): such a document is parsed as if the mark's three bytes were
// blank lines, which CommonMark ignores. The mark stays in the skeleton.
func Parse(src []byte) ast.Node {
	root, _ := parseWith(md, src, true)
	return root
}

// parseWith parses src with md, its shortcodes masked when shortcodes is
// set; it also returns the masked text (see parseMasked).
func parseWith(md goldmark.Markdown, src []byte, shortcodes bool) (ast.Node, []byte) {
	if bytes.HasPrefix(src, bom) {
		src = bytes.Clone(src)
		copy(src, "\n\n\n")
	}
	return parseMasked(md.Parser(), src, bodyStart(src), shortcodes)
}

// Options tune ExtractWith.
type Options struct {
	// FrontMatterKeys are the front matter keys whose values are
	// translated; nil means DefaultFrontMatterKeys.
	FrontMatterKeys []string
	// Syntax turns off site syntax read as markup.
	Syntax Syntax
}

// Extract splits a Markdown document into segments: one for the inline
// content of each heading, paragraph, list item and table cell that has
// something to translate, and one for each of the front matter values
// readers see (title, description, summary).
func Extract(path string, src []byte) (*pipeline.Document, error) {
	return ExtractWith(path, src, Options{})
}

// ExtractWith is Extract with options. Front matter that does not parse is
// an error at its position.
func ExtractWith(path string, src []byte, opt Options) (*pipeline.Document, error) {
	doc := &pipeline.Document{Path: path, Format: pipeline.FormatMarkdown, Source: src}
	if !opt.Syntax.NoMDX && strings.EqualFold(filepath.Ext(path), ".mdx") {
		opt.Syntax.expressions = true
	}
	keys := opt.FrontMatterKeys
	if keys == nil {
		keys = DefaultFrontMatterKeys
	}
	segs, err := frontMatterSegments(path, src, keys)
	if err != nil {
		return nil, err
	}
	doc.Segments = segs
	root, masked := parseWith(linkified(opt.Syntax), src, !opt.Syntax.NoShortcodes)
	seenTitle := false
	err = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var kind pipeline.Kind
		single := false
		switch n := n.(type) {
		case *ast.Heading:
			kind = pipeline.KindHeading
			if n.Level == 1 && !seenTitle {
				kind, seenTitle = pipeline.KindTitle, true
			}
			single = n.Lines().Len() == 1 && !isSetext(src, n)
		case *ast.Paragraph, *ast.TextBlock:
			kind = pipeline.KindParagraph
			if _, ok := n.Parent().(*ast.ListItem); ok {
				kind = pipeline.KindListItem
			}
		case *east.TableCell:
			kind, single = pipeline.KindTableCell, true
		case *Marker: // an admonition's title
			kind, single = pipeline.KindHeading, true
		case *ShortcodeParam:
			kind, single = pipeline.KindAttribute, true
		default:
			return ast.WalkContinue, nil
		}
		if n.Lines().Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		var seg *pipeline.Segment
		if _, ok := n.(*ShortcodeParam); ok {
			seg = rawSegment(src, n.Lines().At(0))
		} else {
			seg = segmentOf(src, masked, n)
		}
		seg.Kind, seg.SingleLine = kind, single
		// A block with more tags than a message can number stays in the
		// skeleton: nobody can translate it, and it could not round-trip.
		if pipeline.Translatable(seg.Text) && len(seg.Placeholders) <= placeholder.MaxTag {
			seg.ID = pipeline.SegmentID(seg.Text)
			doc.Segments = append(doc.Segments, seg)
		}
		return ast.WalkSkipChildren, nil
	})
	// goldmark gathers footnote definitions at the end of the tree; the
	// skeleton needs segments in source order.
	sort.SliceStable(doc.Segments, func(i, k int) bool { return doc.Segments[i].Start() < doc.Segments[k].Start() })
	lines := &lineCounter{src: src, line: 1}
	for _, seg := range doc.Segments {
		seg.Line, seg.Col = lines.at(seg.Start())
	}
	return doc, err
}

// lineCounter turns offsets into lines and columns, counting on from the
// previous offset: segments come in document order, and counting from the
// start for each one made splitting a large document quadratic.
type lineCounter struct {
	src             []byte
	off, line, head int // head: offset of the line holding off
}

func (c *lineCounter) at(off int) (line, col int) {
	if off < c.off {
		c.off, c.line, c.head = 0, 1, 0
	}
	for ; c.off < off && c.off < len(c.src); c.off++ {
		if c.src[c.off] == '\n' {
			c.line++
			c.head = c.off + 1
		}
	}
	return c.line, off - c.head + 1
}

// isSetext reports whether a one-line heading is underlined rather than
// introduced by #.
func isSetext(src []byte, h *ast.Heading) bool {
	l := h.Lines().At(0)
	i := l.Start
	for i > 0 && src[i-1] != '\n' {
		i--
	}
	return !bytes.HasPrefix(bytes.TrimLeft(src[i:l.Start], " \t>"), []byte("#"))
}

// joined is a block's content with container prefixes removed: the form
// placeholders and message texts use. Lines keep their own line endings.
type joined struct {
	v      []byte
	lines  []pipeline.Line
	vstart []int
	// checkbox is a task list item's checkbox left in the skeleton.
	checkbox ast.Node
	// orig is v from the source as it is: v is from the text goldmark
	// read, with shortcodes masked. Markup is measured in v; messages and
	// placeholders are written from orig.
	orig []byte
}

func newJoined(src, masked []byte, n ast.Node) *joined {
	j := &joined{}
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		j.lines = append(j.lines, pipeline.Line{Start: s.Start, Stop: s.Stop})
		j.vstart = append(j.vstart, len(j.v))
		j.v = append(j.v, masked[s.Start:s.Stop]...)
	}
	j.orig = j.v
	if len(j.v) > 0 && &masked[0] != &src[0] {
		j.orig = make([]byte, 0, len(j.v))
		for _, l := range j.lines {
			j.orig = append(j.orig, src[l.Start:l.Stop]...)
		}
	}
	return j
}

// dropCheckBox moves a task list item's leading "[ ]" or "[x]" and the
// blanks after it out of the segment, into the skeleton: the checkbox
// belongs to the list item as its "- " marker does, and it works only
// first, where a translation can neither move nor lose it.
func (j *joined) dropCheckBox(box ast.Node) {
	v := j.v
	if len(v) < 3 || v[0] != '[' || v[2] != ']' {
		return
	}
	k := 3
	for k < len(v) && k < j.lines[0].Stop-j.lines[0].Start && (v[k] == ' ' || v[k] == '\t') {
		k++
	}
	j.v, j.orig = v[k:], j.orig[k:]
	j.lines[0].Start += k
	for i := 1; i < len(j.vstart); i++ {
		j.vstart[i] -= k
	}
	j.checkbox = box
}

// virtual maps a source offset into the joined form, or -1 when the offset
// falls in a container prefix.
func (j *joined) virtual(off int) int {
	for i, l := range j.lines {
		if off >= l.Start && off <= l.Stop {
			return j.vstart[i] + off - l.Start
		}
	}
	return -1
}

type eventKind int

const (
	evText eventKind = iota
	evEnter
	evExit
	evLeaf
	evHardBreak
)

type event struct {
	kind        eventKind
	node        ast.Node
	start, stop int // joined offsets of text, or of a leaf's known content
	// text is the source text of a bare URL or e-mail address (a GFM
	// autolink), which has no "<" to find it by.
	text []byte
}

// piece is one part of a segment's message: literal text or a tag.
type piece struct {
	literal string
	tag     placeholder.TokenKind // Open, Close or Standalone when literal == ""
	ph      int                   // placeholder index for tags
}

// segmentOf builds the segment of one leaf block. The inline markup between
// text nodes is located by scanning the joined text forward from a cursor,
// in the order goldmark's tree gives; every scan is checked against the
// next text node's offset. Where a scan disagrees the segment falls back
// to one standalone placeholder per run of markup, which is always
// faithful, only less convenient for the translator.
func segmentOf(src, masked []byte, n ast.Node) *pipeline.Segment {
	j := newJoined(src, masked, n)
	if box, ok := n.FirstChild().(*east.TaskCheckBox); ok {
		j.dropCheckBox(box)
	}
	var evs []event
	ok := collect(masked, j, n, &evs)
	var seg *pipeline.Segment
	if ok {
		seg, ok = paired(j, evs)
	}
	if !ok {
		seg = opaque(j, evs)
	}
	seg.Lines = j.lines
	return seg
}

func collect(src []byte, j *joined, n ast.Node, evs *[]event) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s, e := j.virtual(c.Segment.Start), j.virtual(c.Segment.Stop)
			if s < 0 || e < 0 {
				return false
			}
			*evs = append(*evs, event{kind: evText, node: c, start: s, stop: e})
			if c.HardLineBreak() {
				*evs = append(*evs, event{kind: evHardBreak, node: c})
			}
		case *ast.CodeSpan:
			ev := event{kind: evLeaf, node: c, start: -1, stop: -1}
			if first, ok := c.FirstChild().(*ast.Text); ok {
				last := c.LastChild().(*ast.Text)
				ev.start, ev.stop = j.virtual(first.Segment.Start), j.virtual(last.Segment.Stop)
			}
			*evs = append(*evs, ev)
		case *ast.RawHTML:
			ev := event{kind: evLeaf, node: c}
			if c.Segments.Len() == 0 {
				return false
			}
			ev.start = j.virtual(c.Segments.At(0).Start)
			ev.stop = j.virtual(c.Segments.At(c.Segments.Len() - 1).Stop)
			if ev.start < 0 || ev.stop < 0 {
				return false
			}
			*evs = append(*evs, ev)
		case *east.TaskCheckBox:
			if ast.Node(c) != j.checkbox {
				*evs = append(*evs, event{kind: evLeaf, node: c})
			}
		case *ast.AutoLink:
			*evs = append(*evs, event{kind: evLeaf, node: c, text: c.Label(src)})
		case *east.FootnoteLink:
			*evs = append(*evs, event{kind: evLeaf, node: c})
		case *Shortcode, *AttrList, *MDXExpression:
			seg := c.(interface{ segment() text.Segment }).segment()
			ev := event{kind: evLeaf, node: c, start: j.virtual(seg.Start), stop: j.virtual(seg.Stop)}
			if ev.start < 0 || ev.stop < 0 {
				return false
			}
			*evs = append(*evs, ev)
		case *ast.Emphasis, *ast.Link, *ast.Image, *east.Strikethrough:
			*evs = append(*evs, event{kind: evEnter, node: c})
			if !collect(src, j, c, evs) {
				return false
			}
			*evs = append(*evs, event{kind: evExit, node: c})
		default:
			return false
		}
	}
	return true
}

// paired turns events into pieces with paired tags for container markup.
func paired(j *joined, evs []event) (*pipeline.Segment, bool) {
	v, o := j.v, j.orig
	b := &builder{v: o}
	type opened struct{ ph, piece, at int }
	open := map[ast.Node]opened{}
	p := 0
	for i, ev := range evs {
		if ev.kind == evText {
			if ev.start < p || !isSpace(v[p:ev.start]) {
				return nil, false
			}
			b.literal(p, ev.stop)
			p = ev.stop
			continue
		}
		// Markup: whitespace left before it (around a soft line break) is
		// literal text.
		q := p
		for q < len(v) && (v[q] == ' ' || v[q] == '\t' || v[q] == '\n' || v[q] == '\r') {
			q++
		}
		if q > p && ev.kind != evHardBreak {
			b.literal(p, q)
			p = q
		}
		end, ok := scanMarkup(v, p, ev, evs[i+1:])
		if !ok {
			return nil, false
		}
		switch ev.kind {
		case evEnter:
			idx := b.addPlaceholder(pipeline.Placeholder{Kind: pipeline.Paired, Open: string(o[p:end]), Label: label(ev.node, j), Content: carriesContent(ev.node)})
			open[ev.node] = opened{idx, len(b.pieces), p}
			b.pieces = append(b.pieces, piece{tag: placeholder.Open, ph: idx})
		case evExit:
			op, found := open[ev.node]
			if !found {
				return nil, false
			}
			if isLabelReference(v[p:end]) {
				// In [text] and [text][] the text is the reference label:
				// translating it would break the link, so it is kept whole.
				b.phs, b.pieces = b.phs[:op.ph], b.pieces[:op.piece]
				idx := b.addPlaceholder(pipeline.Placeholder{Kind: pipeline.Standalone, Open: string(o[op.at:end]), Label: label(ev.node, j), Content: carriesContent(ev.node)})
				b.pieces = append(b.pieces, piece{tag: placeholder.Standalone, ph: idx})
				p = end
				continue
			}
			b.phs[op.ph].Close = string(o[p:end])
			if !bytes.Equal(v[p:end], o[p:end]) {
				// A shortcode in the destination: named as written.
				kind, _, _ := strings.Cut(b.phs[op.ph].Label, " ")
				dest := strings.TrimSuffix(strings.TrimPrefix(b.phs[op.ph].Close, "]("), ")")
				b.phs[op.ph].Label = kind + " " + pipeline.Shorten(dest, 60)
			}
			b.pieces = append(b.pieces, piece{tag: placeholder.Close, ph: op.ph})
		default:
			idx := b.addPlaceholder(pipeline.Placeholder{Kind: pipeline.Standalone, Open: string(o[p:end]), Label: label(ev.node, j), Content: carriesContent(ev.node)})
			if sc, ok := ev.node.(*Shortcode); ok {
				b.noteShortcode(idx, sc.info)
			}
			if ev.kind == evHardBreak {
				b.phs[idx].Label, b.phs[idx].Content = "line break", false
			}
			b.pieces = append(b.pieces, piece{tag: placeholder.Standalone, ph: idx})
		}
		p = end
	}
	if !isSpace(v[p:]) {
		return nil, false
	}
	b.literal(p, len(v))
	b.pairShortcodes()
	return b.segment(), true
}

// opaque makes every run of non-text bytes one standalone placeholder.
func opaque(j *joined, evs []event) *pipeline.Segment {
	v := j.v
	b := &builder{v: j.orig}
	p := 0
	gap := func(end int) {
		if end <= p {
			return
		}
		if isSpace(v[p:end]) {
			b.literal(p, end)
		} else {
			idx := b.addPlaceholder(pipeline.Placeholder{Kind: pipeline.Standalone, Open: string(j.orig[p:end]), Label: "markup"})
			b.pieces = append(b.pieces, piece{tag: placeholder.Standalone, ph: idx})
		}
		p = end
	}
	for _, ev := range evs {
		if ev.kind != evText || ev.start < p {
			continue
		}
		gap(ev.start)
		b.literal(ev.start, ev.stop)
		p = ev.stop
	}
	gap(len(v))
	return b.segment()
}

type builder struct {
	v      []byte
	pieces []piece
	phs    []pipeline.Placeholder
	// shortcodes are the placeholders of inline shortcodes, which
	// pairShortcodes pairs.
	shortcodes map[int]shortcodeInfo
}

func (b *builder) addPlaceholder(ph pipeline.Placeholder) int {
	b.phs = append(b.phs, ph)
	return len(b.phs) - 1
}

// literal adds v[s:e) as text. A "<" that would read as a tag in a message
// becomes a placeholder of its own, so the message stays unambiguous.
func (b *builder) literal(s, e int) {
	for s < e {
		i := bytes.IndexByte(b.v[s:e], '<')
		for i >= 0 && !placeholder.LooksLikeTag(string(b.v[s+i:e])) {
			k := bytes.IndexByte(b.v[s+i+1:e], '<')
			if k < 0 {
				i = -1
				break
			}
			i += k + 1
		}
		if i < 0 {
			b.pieces = append(b.pieces, piece{literal: string(b.v[s:e])})
			return
		}
		if i > 0 {
			b.pieces = append(b.pieces, piece{literal: string(b.v[s : s+i])})
		}
		idx := b.addPlaceholder(pipeline.Placeholder{Kind: pipeline.Standalone, Open: "<", Label: "literal <"})
		b.pieces = append(b.pieces, piece{tag: placeholder.Standalone, ph: idx})
		s += i + 1
	}
}

func (b *builder) segment() *pipeline.Segment {
	var sb strings.Builder
	for _, pc := range b.pieces {
		if pc.literal != "" {
			sb.WriteString(pc.literal)
			continue
		}
		open, close := pipeline.Tag(pc.ph+1, b.phs[pc.ph].Kind)
		if pc.tag == placeholder.Close {
			sb.WriteString(close)
		} else {
			sb.WriteString(open)
		}
	}
	return &pipeline.Segment{Text: sb.String(), Placeholders: b.phs}
}

// isLabelReference reports whether the closing part of a link, from its
// "]", is that of a shortcut or collapsed reference.
func isLabelReference(close []byte) bool {
	return len(close) > 0 && close[0] == ']' && (len(close) == 1 || string(close) == "][]")
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
