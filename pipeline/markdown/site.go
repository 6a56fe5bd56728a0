package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Syntax turns off the site generators' syntax that quipu reads as markup
// in every document; the zero value reads all of it. What is turned off
// is prose to translators, as in any Markdown. Pages are always checked
// with all of it read, so a translation can add none of it either way.
type Syntax struct {
	NoShortcodes  bool // Hugo's {{< name >}} and {{% name %}}
	NoAlerts      bool // GitHub's > [!NOTE]
	NoAdmonitions bool // Docusaurus' :::note and MkDocs' !!! note, ??? note
	NoAttributes  bool // attribute lists: {.class #id key=val}
	NoMDX         bool // MDX import and export lines

	// expressions reads MDX expressions ({props.x}) in blocks: set for
	// .mdx files, where MDX runs them; elsewhere braces are text.
	expressions bool
}

// Kinds of the nodes of site syntax.
var (
	KindShortcode      = ast.NewNodeKind("Shortcode")
	KindShortcodeBlock = ast.NewNodeKind("ShortcodeBlock")
	KindShortcodeParam = ast.NewNodeKind("ShortcodeParam")
	KindAttrList       = ast.NewNodeKind("AttrList")
	KindMarker         = ast.NewNodeKind("SiteMarker")
	KindAdmonition     = ast.NewNodeKind("Admonition")
	KindESM            = ast.NewNodeKind("ESM")
)

// Shortcode is a Hugo shortcode inside a paragraph: a tag to translators.
type Shortcode struct {
	ast.BaseInline
	Segment text.Segment
	info    shortcodeInfo
	shape   string
}

func (n *Shortcode) segment() text.Segment { return n.Segment }

// Kind implements ast.Node.
func (n *Shortcode) Kind() ast.NodeKind { return KindShortcode }

// Dump implements ast.Node.
func (n *Shortcode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// ShortcodeBlock is a shortcode alone on its line(s): skeleton, except for
// its text arguments (title, alt, caption), its ShortcodeParam children.
type ShortcodeBlock struct {
	ast.BaseBlock
	Start, Stop int
	shape       string
	read        int // the end of the last line read
}

// Kind implements ast.Node.
func (n *ShortcodeBlock) Kind() ast.NodeKind { return KindShortcodeBlock }

// Dump implements ast.Node.
func (n *ShortcodeBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// ShortcodeParam is the quoted value of a shortcode's text argument; its
// Lines are the value, read as text only.
type ShortcodeParam struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *ShortcodeParam) Kind() ast.NodeKind { return KindShortcodeParam }

// IsRaw implements ast.Node: the value is not Markdown to quipu.
func (n *ShortcodeParam) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *ShortcodeParam) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// AttrList is an attribute list ({.class #id key=val}) inside a block.
type AttrList struct {
	ast.BaseInline
	Segment text.Segment
}

func (n *AttrList) segment() text.Segment { return n.Segment }

// Kind implements ast.Node.
func (n *AttrList) Kind() ast.NodeKind { return KindAttrList }

// Dump implements ast.Node.
func (n *AttrList) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Marker is a line of site syntax kept in the skeleton: an admonition's
// opening or closing fence, a GitHub alert's "[!NOTE]". Its Lines, when it
// has any, are its title, translated.
type Marker struct {
	ast.BaseBlock
	Pre, Post string // the line before and after the title
}

// Kind implements ast.Node.
func (n *Marker) Kind() ast.NodeKind { return KindMarker }

// Dump implements ast.Node.
func (n *Marker) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Pre": n.Pre, "Post": n.Post}, nil)
}

// Admonition is an MkDocs admonition: its Marker, then its indented body.
type Admonition struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Admonition) Kind() ast.NodeKind { return KindAdmonition }

// Dump implements ast.Node.
func (n *Admonition) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// ESM is an MDX import or export statement, up to a blank line.
type ESM struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *ESM) Kind() ast.NodeKind { return KindESM }

// IsRaw implements ast.Node.
func (n *ESM) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *ESM) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// siteSyntax is the goldmark extension reading the syntax s leaves on.
type siteSyntax struct{ s Syntax }

// Extend implements goldmark.Extender.
func (e siteSyntax) Extend(m goldmark.Markdown) {
	var blocks []util.PrioritizedValue
	if !e.s.NoShortcodes {
		blocks = append(blocks, util.Prioritized(shortcodeBlockParser{}, 150))
	}
	if !e.s.NoAlerts {
		blocks = append(blocks, util.Prioritized(alertParser{}, 150))
	}
	if !e.s.NoAdmonitions {
		blocks = append(blocks, util.Prioritized(fenceParser{}, 150), util.Prioritized(mkdocsParser{}, 150))
	}
	if !e.s.NoMDX {
		blocks = append(blocks, util.Prioritized(esmParser{}, 150))
	}
	m.Parser().AddOptions(parser.WithBlockParsers(blocks...))
	if !e.s.NoShortcodes || !e.s.NoAttributes || e.s.expressions {
		m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(braceParser{s: e.s}, 150)))
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(siteRenderer{}, 150)))
}

// braceParser reads what starts with "{" inside a block: a shortcode
// that ends on the same line, or an attribute list.
type braceParser struct{ s Syntax }

func (braceParser) Trigger() []byte { return []byte{'{'} }

func (p braceParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !p.s.NoShortcodes {
		src := original(pc, block)
		if sc, ok := scanShortcode(src, seg.Start); ok {
			// One that spans lines is taken whole if nothing (a
			// blockquote's ">") lies between its lines; so is one whose
			// body is template code, with its body and closing tag.
			l, pos := block.Position()
			if end := templateEnd(src, sc); end > 0 {
				block.Advance(end - seg.Start)
				if _, at := block.Position(); at.Start == end {
					whole := src[seg.Start:end]
					sc.self = true // one tag: nothing for pairShortcodes to close
					return &Shortcode{Segment: text.NewSegment(seg.Start, end), info: sc, shape: "Shortcode(" + string(whole) + ")"}
				}
				block.SetPosition(l, pos)
			}
			block.Advance(sc.end - seg.Start)
			if _, at := block.Position(); at.Start == sc.end {
				return &Shortcode{Segment: text.NewSegment(seg.Start, sc.end), info: sc, shape: sc.shape(src)}
			}
			block.SetPosition(l, pos)
		}
	}
	if !p.s.NoAttributes {
		// "{ .Title }" inside "{{ .Title }}" is a template's text.
		src := block.Source()
		if m := attrListRE.FindIndex(line); m != nil && (seg.Start == 0 || src[seg.Start-1] != '{') && (m[1] >= len(line) || line[m[1]] != '}') {
			block.Advance(m[1])
			return &AttrList{Segment: text.NewSegment(seg.Start, seg.Start+m[1])}
		}
	}
	if p.s.expressions {
		src := block.Source()
		if end := scanExpression(src, seg.Start); end > 0 {
			l, pos := block.Position()
			block.Advance(end - seg.Start)
			if _, at := block.Position(); at.Start == end {
				return &MDXExpression{Segment: text.NewSegment(seg.Start, end)}
			}
			block.SetPosition(l, pos)
		}
	}
	return nil
}

// siteRenderer writes site syntax into quipu's own page as the text it
// is, as it was before quipu read it, and an MkDocs admonition as a
// division; a site's generator renders it for real.
type siteRenderer struct{}

func (siteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	raw := func(w util.BufWriter, b []byte) { _, _ = w.Write(util.EscapeHTML(b)) }
	reg.Register(KindShortcode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			raw(w, n.(*Shortcode).Segment.Value(src))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindMDXExpression, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			raw(w, n.(*MDXExpression).Segment.Value(src))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindAttrList, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			raw(w, n.(*AttrList).Segment.Value(src))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindShortcodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			b := n.(*ShortcodeBlock)
			_, _ = w.WriteString("<p>")
			raw(w, src[b.Start:b.Stop])
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindShortcodeParam, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindESM, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindMarker, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		m := n.(*Marker)
		if entering {
			_, _ = w.WriteString("<p>")
			raw(w, []byte(m.Pre))
		} else {
			raw(w, []byte(m.Post))
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindAdmonition, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<div class=\"admonition\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
