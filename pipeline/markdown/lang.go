package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/quipu-l10n/quipu/pipeline"
)

// MarkSourceLang sets the lang attribute of the blocks of a localized
// tree (root) whose text is still the source's (segs: segments of src,
// parsed as srcRoot, that kept their source text), so that a screen reader
// reading a translated page switches voice for them. A tight list item's
// text has no element of its own: its item is marked, and the item's
// translated blocks get locale back. It reports whether it marked
// anything; trees whose text blocks do not line up are left alone.
func MarkSourceLang(srcRoot, root ast.Node, segs []*pipeline.Segment, lang, locale string) bool {
	if len(segs) == 0 {
		return false
	}
	from := textBlocks(srcRoot)
	source := map[int]bool{} // indexes of text blocks in the source language
	k := 0
	for _, seg := range segs {
		// Segments and blocks are both in document order.
		for k < len(from) && blockStop(from[k]) <= seg.Start() {
			k++
		}
		if k < len(from) && blockStart(from[k]) < seg.Stop() {
			source[k] = true
		}
	}
	return MarkBlocks(root, len(from), source, lang, locale)
}

// MarkBlocks sets lang on the text blocks of root whose index (among its
// headings, paragraphs, tight list items' text and table cells, in
// document order) is in source, as MarkSourceLang does. want is the number
// of text blocks root must have: a tree that does not line up is left
// alone.
func MarkBlocks(root ast.Node, want int, source map[int]bool, lang, locale string) bool {
	to := textBlocks(root)
	if len(to) != want || len(source) == 0 {
		return false
	}
	var items []ast.Node // list items marked for their text
	for i, b := range to {
		if !source[i] {
			continue
		}
		el := element(b)
		if el != b {
			items = append(items, el)
		}
		el.SetAttributeString("lang", []byte(lang))
	}
	for i, b := range to {
		if source[i] {
			continue
		}
		for _, it := range items {
			if el := element(b); el != it && inside(b, it) {
				el.SetAttributeString("lang", []byte(locale))
				break
			}
		}
	}
	return true
}

// element is the node whose HTML element holds a text block: a tight list
// item's text has none of its own, its item's.
func element(b ast.Node) ast.Node {
	if _, tight := b.(*ast.TextBlock); tight && b.Parent() != nil {
		return b.Parent()
	}
	return b
}

// textBlocks lists the blocks that hold a segment's text, in document
// order: headings, paragraphs, tight list items' text and table cells.
func textBlocks(root ast.Node) []ast.Node {
	var out []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock, *east.TableCell:
			out = append(out, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// blockStart and blockStop are the source offsets a text block spans: its
// lines, or for a table cell (which has none) its inline text.
func blockStart(n ast.Node) int {
	if l := n.Lines(); l.Len() > 0 {
		return l.At(0).Start
	}
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return start
}

func blockStop(n ast.Node) int {
	if l := n.Lines(); l.Len() > 0 {
		return l.At(l.Len() - 1).Stop
	}
	stop := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			stop = max(stop, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	if stop < 0 {
		return 0
	}
	return stop + 1 // a closing "`" or "]" after the last text still counts
}

func inside(n, ancestor ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p == ancestor {
			return true
		}
	}
	return false
}
