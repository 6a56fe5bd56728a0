package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// scanMarkup returns the end of the markup that event ev starts at offset p
// of the joined text v. goldmark's tree does not record where inline markup
// lies, only its text, so each kind of markup is measured by its syntax.
func scanMarkup(v []byte, p int, ev event, rest []event) (int, bool) {
	if p > len(v) {
		return 0, false
	}
	at := func(s string) bool { return bytes.HasPrefix(v[p:], []byte(s)) }
	switch ev.kind {
	case evHardBreak:
		nl := bytes.IndexByte(v[p:], '\n')
		if nl < 0 {
			return 0, false
		}
		return p + nl + 1, true
	case evEnter, evExit:
		switch n := ev.node.(type) {
		case *ast.Emphasis:
			if p+n.Level > len(v) || (v[p] != '*' && v[p] != '_') {
				return 0, false
			}
			for k := 1; k < n.Level; k++ {
				if v[p+k] != v[p] {
					return 0, false
				}
			}
			return p + n.Level, true
		case *east.Strikethrough:
			k := p
			for k < len(v) && v[k] == '~' {
				k++
			}
			return k, k > p
		case *ast.Link, *ast.Image:
			if ev.kind == evEnter {
				if _, img := n.(*ast.Image); img {
					return p + 2, at("![")
				}
				return p + 1, at("[")
			}
			if !at("]") {
				return 0, false
			}
			return linkTail(v, p+1, rest), true
		}
	case evLeaf:
		switch ev.node.(type) {
		case *ast.CodeSpan:
			k := p
			for k < len(v) && v[k] == '`' {
				k++
			}
			fence := k - p
			if fence == 0 {
				return 0, false
			}
			from := k
			if ev.stop > from {
				from = ev.stop
			}
			for from < len(v) {
				i := bytes.IndexByte(v[from:], '`')
				if i < 0 {
					return 0, false
				}
				s := from + i
				e := s
				for e < len(v) && v[e] == '`' {
					e++
				}
				if e-s == fence {
					return e, true
				}
				from = e
			}
			return 0, false
		case *ast.RawHTML, *Shortcode, *AttrList, *MDXExpression:
			return ev.stop, ev.start == p
		case *ast.AutoLink:
			if !at("<") {
				// A bare address, found by GFM's rules: its own text.
				return p + len(ev.text), len(ev.text) > 0 && bytes.HasPrefix(v[p:], ev.text)
			}
			i := bytes.IndexByte(v[p:], '>')
			return p + i + 1, i > 0
		case *east.TaskCheckBox:
			if p+3 <= len(v) && v[p] == '[' && v[p+2] == ']' {
				return p + 3, true
			}
		case *east.FootnoteLink:
			if !at("[^") {
				return 0, false
			}
			i := bytes.IndexByte(v[p:], ']')
			return p + i + 1, i > 0
		}
	}
	return 0, false
}

// linkTail returns the end of what follows a link's closing bracket at p:
// an inline destination and title in parentheses, a reference label in
// brackets, or nothing for a shortcut reference.
func linkTail(v []byte, p int, rest []event) int {
	limit := len(v)
	for _, ev := range rest {
		if ev.kind == evText {
			limit = ev.start
			break
		}
	}
	if p < len(v) && v[p] == '(' {
		if e, ok := inlineTail(v, p); ok && e <= limit {
			return e
		}
	}
	if p < len(v) && v[p] == '[' {
		for k := p + 1; k < len(v); k++ {
			switch v[k] {
			case '\\':
				k++
			case ']':
				if k+1 <= limit {
					return k + 1
				}
				return p
			}
		}
	}
	return p
}

// inlineTail scans "(destination "title")" starting at the "(" at p, as
// CommonMark defines it.
func inlineTail(v []byte, p int) (int, bool) {
	k := skipWS(v, p+1)
	if k < len(v) && v[k] == '<' {
		for k++; k < len(v) && v[k] != '>'; k++ {
			if v[k] == '\\' {
				k++
			} else if v[k] == '\n' || v[k] == '<' {
				return 0, false
			}
		}
		if k >= len(v) {
			return 0, false
		}
		k++
	} else {
		depth := 0
		for ; k < len(v); k++ {
			c := v[k]
			if c == '\\' && k+1 < len(v) {
				k++
				continue
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			} else if c <= ' ' {
				break
			}
		}
	}
	k2 := skipWS(v, k)
	if k2 < len(v) && k2 > k && (v[k2] == '"' || v[k2] == '\'' || v[k2] == '(') {
		closeCh := v[k2]
		if closeCh == '(' {
			closeCh = ')'
		}
		k = k2 + 1
		for ; k < len(v) && v[k] != closeCh; k++ {
			if v[k] == '\\' {
				k++
			}
		}
		if k >= len(v) {
			return 0, false
		}
		k++
		k2 = skipWS(v, k)
	}
	if k2 < len(v) && v[k2] == ')' {
		return k2 + 1, true
	}
	return 0, false
}

func skipWS(v []byte, k int) int {
	for k < len(v) && (v[k] == ' ' || v[k] == '\t' || v[k] == '\n' || v[k] == '\r') {
		k++
	}
	return k
}
