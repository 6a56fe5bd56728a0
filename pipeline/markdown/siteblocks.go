package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// attrListRE is an attribute list as Hugo (after a heading or a block),
// kramdown and Python-Markdown's attr_list read it: "{", an optional ":",
// then ids, classes and key=value pairs.
var attrListRE = regexp.MustCompile(`^\{:?[ \t]*(?:(?:#[\w-]+|\.[\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}"']+))[ \t]*)+\}`)

// blockLine returns the current line, the offset of its first non-blank
// byte in the source, and whether it is indented by three columns at
// most (else it is code, or an admonition's body).
func blockLine(reader text.Reader) ([]byte, int, bool) {
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	return line[pos:], seg.Start + pos, w <= 3
}

// restBlank reports whether the line holding off has nothing but blanks
// from off on.
func restBlank(src []byte, off int) bool {
	for ; off < len(src) && src[off] != '\n'; off++ {
		if src[off] != ' ' && src[off] != '\t' && src[off] != '\r' {
			return false
		}
	}
	return true
}

// shortcodeBlockParser reads a shortcode alone on its line(s).
type shortcodeBlockParser struct{}

func (shortcodeBlockParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, at, ok := blockLine(reader)
	if !ok {
		return nil, parser.NoChildren
	}
	src := original(pc, reader)
	sc, ok := scanShortcode(src, at)
	if !ok {
		return nil, parser.NoChildren
	}
	end := rawBodyEnd(src, sc)
	if end == 0 && !restBlank(src, sc.end) {
		return nil, parser.NoChildren
	}
	n := &ShortcodeBlock{Start: at, Stop: sc.end, shape: sc.shape(src)}
	if end > 0 {
		n.Stop = end // code up to the closing tag, all skeleton
	}
	for _, p := range sc.translatedParams() {
		v := &ShortcodeParam{}
		seg := text.NewSegment(p.start, p.stop)
		v.Lines().Append(seg)
		n.AppendChild(n, v)
	}
	_, seg := reader.PeekLine()
	n.read = seg.Stop
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (shortcodeBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	// A shortcode whose arguments span lines takes them all.
	n := node.(*ShortcodeBlock)
	if _, seg := reader.PeekLine(); seg.Start < n.Stop {
		n.read = seg.Stop
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	return parser.Close
}

// Close ends a shortcode cut short by its container (a blockquote whose
// next line lacks its ">"): what follows is other blocks' text, so the
// block ends where its lines did, with no argument of its own.
func (shortcodeBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*ShortcodeBlock)
	if n.read < n.Stop {
		n.Stop = n.read
		n.RemoveChildren(n)
	}
}

func (shortcodeBlockParser) CanInterruptParagraph() bool { return true }
func (shortcodeBlockParser) CanAcceptIndentedLine() bool { return false }

// rawShortcodes hold code, not prose, between their tags: highlighted
// source, diagrams, formulas.
var rawShortcodes = map[string]bool{"highlight": true, "code": true, "mermaid": true, "math": true, "katex": true, "chart": true, "plantuml": true}

// rawBodyEnd returns, for a shortcode of rawShortcodes that sc opens, or
// one whose body is template code (see templateBody), the end of its
// closing tag when that tag ends its line; else 0.
func rawBodyEnd(src []byte, sc shortcodeInfo) int {
	if sc.closing || sc.self || sc.name == "" {
		return 0
	}
	end, body := closingTag(src, sc, true)
	if end > 0 && (rawShortcodes[sc.name] || templateBody(sc, body)) {
		return end
	}
	return 0
}

// templateEnd returns, for a shortcode inside a paragraph whose body is
// template code, the end of its closing tag; else 0.
func templateEnd(src []byte, sc shortcodeInfo) int {
	if sc.closing || sc.self || sc.name == "" {
		return 0
	}
	if end, body := closingTag(src, sc, false); end > 0 && templateBody(sc, body) {
		return end
	}
	return 0
}

// closingTag returns the end of the tag closing the shortcode sc opens,
// and the body between them; with lineEnd set, only a closing tag that
// ends its line counts.
func closingTag(src []byte, sc shortcodeInfo, lineEnd bool) (int, []byte) {
	for i := nextShortcode(src, sc.end); i >= 0; i = nextShortcode(src, i+2) {
		c, ok := scanShortcode(src, i)
		if ok && c.closing && c.name == sc.name && (!lineEnd || restBlank(src, c.end)) {
			return c.end, src[sc.end:i]
		}
	}
	return 0, nil
}

// templateBody reports whether a shortcode's body is Go template code,
// not prose: an inline shortcode ("{{< name.inline >}}"), whose body Hugo
// runs as a template, or a body holding a template action ("{{ .Site }}",
// "{{- now.Year -}}").
func templateBody(sc shortcodeInfo, body []byte) bool {
	if strings.HasSuffix(sc.name, ".inline") {
		return true
	}
	for k := bytes.Index(body, []byte("{{")); k >= 0; {
		if k+2 < len(body) && body[k+2] != '<' && body[k+2] != '%' {
			return true
		}
		next := bytes.Index(body[k+2:], []byte("{{"))
		if next < 0 {
			break
		}
		k += 2 + next
	}
	return false
}

// alertRE is a GitHub alert's marker, the first line of a blockquote.
var alertRE = regexp.MustCompile(`(?i)^\[!(note|tip|important|warning|caution)\][ \t]*\r?\n?$`)

// alertParser reads "[!NOTE]" opening a blockquote.
type alertParser struct{}

func (alertParser) Trigger() []byte { return []byte{'['} }

func (alertParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, ok := parent.(*ast.Blockquote); !ok || parent.ChildCount() > 0 {
		return nil, parser.NoChildren
	}
	line, _, ok := blockLine(reader)
	if !ok || !alertRE.Match(line) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &Marker{Pre: strings.TrimRight(string(line), " \t\r\n")}, parser.NoChildren
}

func (alertParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (alertParser) Close(ast.Node, text.Reader, parser.Context)                 {}
func (alertParser) CanInterruptParagraph() bool                                 { return false }
func (alertParser) CanAcceptIndentedLine() bool                                 { return false }

// fenceRE is a Docusaurus admonition fence (remark-directive's container
// syntax): three or more colons, then at once a type with an optional label in
// brackets, attributes in braces or a title, or nothing (a closing fence).
var fenceRE = regexp.MustCompile(`^(:{3,})(?:([A-Za-z][\w-]*)(?:(\[.*?)|[ \t]+(\S.*?))?)?[ \t]*\r?\n?$`)

// fenceParser reads one fence line; the body between fences is read as
// the document's own blocks.
type fenceParser struct{}

func (fenceParser) Trigger() []byte { return []byte{':'} }

func (fenceParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, at, ok := blockLine(reader)
	if !ok {
		return nil, parser.NoChildren
	}
	m := fenceRE.FindSubmatchIndex(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	n := &Marker{Pre: strings.TrimRight(string(line), " \t\r\n")}
	switch {
	case m[6] >= 0: // [label] {attributes}
		end := labelEnd(line, m[6])
		if end < 0 || !fenceTail(line[end+1:]) {
			return nil, parser.NoChildren
		}
		if end > m[6]+1 {
			setTitle(n, line, at, m[6]+1, end)
		}
	case m[8] >= 0: // a title
		if line[m[8]] == '{' && fenceTail(line[m[8]:]) {
			break // attributes only
		}
		setTitle(n, line, at, m[8], m[9])
	}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// labelEnd returns the offset of the "]" closing the label whose "[" is
// at open, counting nested brackets and escapes, or -1.
func labelEnd(line []byte, open int) int {
	depth := 0
	for k := open; k < len(line); k++ {
		switch line[k] {
		case '\\':
			k++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// fenceTail reports whether what follows a fence's label is nothing or an
// attribute list.
func fenceTail(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) == 0 || b[0] == '{' && b[len(b)-1] == '}' && bytes.IndexByte(b[1:len(b)-1], '}') < 0
}

// setTitle makes line[s:e] the marker's title, at source offset at+s.
func setTitle(n *Marker, line []byte, at, s, e int) {
	n.Pre = string(line[:s])
	n.Post = strings.TrimRight(string(line[e:]), " \t\r\n")
	n.Lines().Append(text.NewSegment(at+s, at+e))
}

func (fenceParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (fenceParser) Close(ast.Node, text.Reader, parser.Context)                 {}
func (fenceParser) CanInterruptParagraph() bool                                 { return true }
func (fenceParser) CanAcceptIndentedLine() bool                                 { return false }

// mkdocsRE is a Python-Markdown admonition, or a pymdownx.details
// collapsible one: "!!!", "???" or "???+", types, an optional quoted
// title (which may hold quotes: it ends at the line's last one).
var mkdocsRE = regexp.MustCompile(`^(?:!!!|\?\?\?\+?) ?[\w-]+(?: +[\w-]+)*(?: +"(.*)")? *\r?\n?$`)

// mkdocsParser reads an admonition and its body, indented four columns.
type mkdocsParser struct{}

func (mkdocsParser) Trigger() []byte { return []byte{'!', '?'} }

func (mkdocsParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, at, ok := blockLine(reader)
	if !ok {
		return nil, parser.NoChildren
	}
	m := mkdocsRE.FindSubmatchIndex(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	mk := &Marker{Pre: strings.TrimRight(string(line), " \t\r\n")}
	if m[2] >= 0 && m[3] > m[2] {
		setTitle(mk, line, at, m[2], m[3])
	}
	n := &Admonition{}
	n.AppendChild(n, mk)
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (mkdocsParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (mkdocsParser) Close(ast.Node, text.Reader, parser.Context) {}
func (mkdocsParser) CanInterruptParagraph() bool                 { return true }
func (mkdocsParser) CanAcceptIndentedLine() bool                 { return false }

// esmRE is the first line of an MDX import or export statement, told from
// prose that starts with the same word by what JavaScript needs next.
var esmRE = regexp.MustCompile(`^(?:import\s+(?:['"]|[\w$*{][^\n]*(?:\bfrom\s*['"]|[{,]\s*$))|import\s*\{|export\s+(?:const|let|var|function|async|class|default)\b|export\s*[{*])`)

// esmParser reads import and export statements at the top level of a
// document, up to the next blank line, as MDX does.
type esmParser struct{}

func (esmParser) Trigger() []byte { return []byte{'i', 'e'} }

func (esmParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if parent.Kind() != ast.KindDocument {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	if !esmRE.Match(line) {
		return nil, parser.NoChildren
	}
	n := &ESM{}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (esmParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (esmParser) Close(ast.Node, text.Reader, parser.Context) {}
func (esmParser) CanInterruptParagraph() bool                 { return false }
func (esmParser) CanAcceptIndentedLine() bool                 { return false }
