package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/quipu-l10n/quipu/pipeline"
)

// label names a tag's markup for translators.
func label(n ast.Node, j *joined) string {
	switch n := n.(type) {
	case *ast.Emphasis:
		if n.Level == 2 {
			return "strong"
		}
		return "emphasis"
	case *ast.Link:
		return "link " + pipeline.Shorten(string(n.Destination), 60)
	case *ast.Image:
		return "image " + pipeline.Shorten(string(n.Destination), 60)
	case *east.Strikethrough:
		return "strikethrough"
	case *ast.CodeSpan:
		return "code"
	case *ast.RawHTML:
		return "html"
	case *ast.AutoLink:
		return "link"
	case *east.TaskCheckBox:
		return "checkbox"
	case *east.FootnoteLink:
		return fmt.Sprintf("footnote %d", n.Index)
	case *Shortcode:
		if n.info.name == "" {
			return "shortcode comment"
		}
		if n.info.closing {
			return "shortcode /" + n.info.name
		}
		return "shortcode " + n.info.name
	case *AttrList:
		return attributesLabel
	case *MDXExpression:
		return "expression"
	}
	return "markup"
}

// carriesContent reports markup whose loss loses more than a style: a
// link's destination, an image, code, an autolink, a footnote, a checkbox.
func carriesContent(n ast.Node) bool {
	switch n.(type) {
	case *ast.Link, *ast.Image, *ast.CodeSpan, *ast.AutoLink, *east.TaskCheckBox, *east.FootnoteLink, *Shortcode, *AttrList, *MDXExpression:
		return true
	}
	return false
}
