package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Shape lists what a Markdown document is made of, leaving out the words:
// block and inline node kinds, heading and emphasis levels, list markers,
// link and image destinations, code, HTML and attributes. Two documents
// with the same shape differ in text alone, which is what a translation may
// change: whatever renders as a different HTML element or attribute must
// show here.
func Shape(root ast.Node, src []byte) []string {
	var shape []string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() != ast.TypeInline && n.Kind() != ast.KindDocument {
				shape = append(shape, "/"+n.Kind().String())
			}
			return ast.WalkContinue, nil
		}
		entry, status := shapeOf(n, src)
		if entry != "" {
			shape = append(shape, entry+attributes(n))
		}
		return status, nil
	})
	return shape
}

// shapeOf describes one node; "" leaves it out (text).
func shapeOf(n ast.Node, src []byte) (string, ast.WalkStatus) {
	switch n := n.(type) {
	case *ast.Text:
		if n.HardLineBreak() {
			return "HardBreak", ast.WalkContinue
		}
		return "", ast.WalkContinue
	case *ast.String:
		return "", ast.WalkContinue
	case *ast.Emphasis:
		return fmt.Sprintf("Emphasis%d", n.Level), ast.WalkContinue // <em> or <strong>
	case *ast.Heading:
		return fmt.Sprintf("Heading%d", n.Level), ast.WalkContinue
	case *ast.List:
		return fmt.Sprintf("List(%c,%d,tight=%v)", n.Marker, n.Start, n.IsTight), ast.WalkContinue
	case *ast.Link:
		// An empty title still renders title="": its presence counts.
		return fmt.Sprintf("Link(%s %q %t)", n.Destination, n.Title, n.Title != nil), ast.WalkContinue
	case *ast.Image:
		return fmt.Sprintf("Image(%s %q %t)", n.Destination, n.Title, n.Title != nil), ast.WalkContinue
	case *ast.AutoLink:
		return fmt.Sprintf("AutoLink(%s)", n.URL(src)), ast.WalkContinue
	case *ast.CodeSpan:
		return fmt.Sprintf("CodeSpan(%q)", codeText(n, src)), ast.WalkSkipChildren
	case *ast.RawHTML:
		return fmt.Sprintf("RawHTML(%q)", n.Segments.Value(src)), ast.WalkContinue
	case *ast.FencedCodeBlock:
		var info []byte
		if n.Info != nil {
			info = n.Info.Value(src)
		}
		return fmt.Sprintf("%s(%q %q)", n.Kind(), info, n.Lines().Value(src)), ast.WalkContinue
	case *ast.CodeBlock, *ast.HTMLBlock:
		return fmt.Sprintf("%s(%q)", n.Kind(), n.Lines().Value(src)), ast.WalkContinue
	case *east.TaskCheckBox:
		return fmt.Sprintf("TaskCheckBox(%v)", n.IsChecked), ast.WalkContinue
	case *Shortcode:
		return n.shape, ast.WalkSkipChildren
	case *ShortcodeBlock:
		// Its text arguments are segments: only the rest is shape.
		return "Block" + n.shape, ast.WalkSkipChildren
	case *AttrList:
		return fmt.Sprintf("AttrList(%q)", n.Segment.Value(src)), ast.WalkSkipChildren
	case *MDXExpression:
		return fmt.Sprintf("MDXExpression(%q)", n.Segment.Value(src)), ast.WalkSkipChildren
	case *Marker:
		return fmt.Sprintf("Marker(%q %q)", n.Pre, n.Post), ast.WalkContinue
	case *ESM:
		return fmt.Sprintf("ESM(%q)", n.Lines().Value(src)), ast.WalkContinue
	}
	return n.Kind().String(), ast.WalkContinue
}

// attributes formats a node's attributes ({#id .class style=…} after a
// heading), which goldmark renders as HTML attributes.
func attributes(n ast.Node) string {
	attrs := n.Attributes()
	if len(attrs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("{")
	for i, a := range attrs {
		if i > 0 {
			b.WriteByte(' ')
		}
		v := a.Value
		if s, ok := v.([]byte); ok {
			v = string(s)
		}
		fmt.Fprintf(&b, "%s=%q", a.Name, fmt.Sprint(v))
	}
	b.WriteString("}")
	return b.String()
}

func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
	return b.String()
}

// CompareShape returns "" when a and b have the same shape, or a
// description of the first difference.
func CompareShape(a, b []byte) string {
	sa, sb := Shape(Parse(a), a), Shape(Parse(b), b)
	for i := 0; i < len(sa) || i < len(sb); i++ {
		var x, y string
		if i < len(sa) {
			x = sa[i]
		}
		if i < len(sb) {
			y = sb[i]
		}
		if x != y {
			return fmt.Sprintf("node %d: %q became %q", i, x, y)
		}
	}
	return ""
}
