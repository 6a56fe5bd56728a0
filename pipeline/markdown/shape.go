package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Shape lists what a Markdown document is made of, leaving out the words:
// block and inline node kinds, heading levels, list markers, link and image
// destinations, code and HTML. Two documents with the same shape differ in
// text alone, which is what a translation may change.
func Shape(root ast.Node, src []byte) []string {
	var shape []string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() != ast.TypeInline && n.Kind() != ast.KindDocument {
				shape = append(shape, "/"+n.Kind().String())
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if n.HardLineBreak() {
				shape = append(shape, "HardBreak")
			}
			return ast.WalkContinue, nil
		case *ast.String:
			return ast.WalkContinue, nil
		case *ast.Heading:
			shape = append(shape, fmt.Sprintf("Heading%d", n.Level))
		case *ast.List:
			shape = append(shape, fmt.Sprintf("List(%c,%d,tight=%v)", n.Marker, n.Start, n.IsTight))
		case *ast.Link:
			shape = append(shape, fmt.Sprintf("Link(%s %q)", n.Destination, n.Title))
		case *ast.Image:
			shape = append(shape, fmt.Sprintf("Image(%s %q)", n.Destination, n.Title))
		case *ast.AutoLink:
			shape = append(shape, fmt.Sprintf("AutoLink(%s)", n.URL(src)))
		case *ast.CodeSpan:
			shape = append(shape, fmt.Sprintf("CodeSpan(%q)", codeText(n, src)))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			shape = append(shape, fmt.Sprintf("RawHTML(%q)", n.Segments.Value(src)))
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			shape = append(shape, fmt.Sprintf("%s(%q)", n.Kind(), n.Lines().Value(src)))
		case *east.TaskCheckBox:
			shape = append(shape, fmt.Sprintf("TaskCheckBox(%v)", n.IsChecked))
		default:
			shape = append(shape, n.Kind().String())
		}
		return ast.WalkContinue, nil
	})
	return shape
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
