package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// KindMDXExpression is the kind of an MDX expression node.
var KindMDXExpression = ast.NewNodeKind("MDXExpression")

// MDXExpression is a JavaScript expression in braces inside a block of an
// .mdx file ("{props.x}", "{/* a comment */}"): MDX runs it at build
// time, so it is a tag to translators, never text.
type MDXExpression struct {
	ast.BaseInline
	Segment text.Segment
}

func (n *MDXExpression) segment() text.Segment { return n.Segment }

// Kind implements ast.Node.
func (n *MDXExpression) Kind() ast.NodeKind { return KindMDXExpression }

// Dump implements ast.Node.
func (n *MDXExpression) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// maxExpression bounds how far an expression's closing brace is looked
// for.
const maxExpression = 4096

// scanExpression returns the end of the MDX expression whose "{" is at
// src[i]: just past its matching "}", counting nested braces and skipping
// JavaScript strings, template literals and comments; 0 when there is
// none before a blank line.
func scanExpression(src []byte, i int) int {
	limit := min(len(src), i+maxExpression)
	depth := 0
	for k := i; k < limit; k++ {
		switch c := src[k]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k + 1
			}
		case '"', '\'', '`':
			for k++; k < limit && src[k] != c; k++ {
				if src[k] == '\\' {
					k++
				} else if c != '`' && src[k] == '\n' {
					return 0
				}
			}
		case '/':
			if k+1 < limit && src[k+1] == '*' {
				e := k + 2
				for e+1 < limit && !(src[e] == '*' && src[e+1] == '/') {
					e++
				}
				k = e + 1
			}
		case '\n':
			if k+1 < limit && isBlankLine(src[k+1:limit]) {
				return 0
			}
		}
	}
	return 0
}

// isBlankLine reports whether b starts with a line of blanks only.
func isBlankLine(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}
