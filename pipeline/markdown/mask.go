package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// maskShortcodes returns src with every Hugo shortcode made one opaque
// word of the same length: its first "{" stays, letters and digits stay,
// every other byte of its first line becomes "x". Hugo replaces shortcodes
// before its Markdown reader runs, so that "[text]({{< ref "p.md" >}})" is
// a link to it; masked, goldmark reads it so too. Offsets are unchanged,
// so the tree of the masked text is a tree of src. src itself is returned
// when it has no shortcode.
func maskShortcodes(src []byte) []byte {
	var out []byte
	for i := nextShortcode(src, 0); i >= 0; {
		sc, ok := scanShortcode(src, i)
		if !ok {
			i = nextShortcode(src, i+2)
			continue
		}
		if out == nil {
			out = bytes.Clone(src)
		}
		// Only its first line: the lines after it may start with a
		// container's prefix ("> "), which must stay for the container to
		// go on. Those lines belong to the shortcode's block, or to the
		// text of a paragraph.
		for k := i + 1; k < sc.end && src[k] != '\n' && src[k] != '\r'; k++ {
			if !isAlnum(src[k]) {
				out[k] = 'x'
			}
		}
		i = nextShortcode(src, sc.end)
	}
	if out == nil {
		return src
	}
	return out
}

// nextShortcode returns the offset of the next "{{<" or "{{%" from i, or
// -1.
func nextShortcode(src []byte, i int) int {
	for i < len(src) {
		k := bytes.Index(src[i:], []byte("{{"))
		if k < 0 {
			return -1
		}
		i += k
		if i+2 < len(src) && (src[i+2] == '<' || src[i+2] == '%') {
			return i
		}
		i++
	}
	return -1
}

// origKey holds, in a parse's context, the source before masking: the
// parsers of site syntax read shortcodes from it.
var origKey = parser.NewContextKey()

// original returns the unmasked source of a parse.
func original(pc parser.Context, reader interface{ Source() []byte }) []byte {
	if v, ok := pc.Get(origKey).([]byte); ok {
		return v
	}
	return reader.Source()
}

// parseMasked parses src with p, its shortcodes masked (see
// maskShortcodes), from offset start on; it returns the tree and the
// masked text its inline markup is measured in.
func parseMasked(p parser.Parser, src []byte, start int, shortcodes bool) (root ast.Node, masked []byte) {
	masked = src
	if shortcodes {
		masked = maskShortcodes(src)
	}
	r := text.NewReader(masked)
	if start > 0 {
		r.Advance(start)
	}
	ctx := parser.NewContext()
	ctx.Set(origKey, src)
	root = p.Parse(r, parser.WithContext(ctx))
	if len(masked) > 0 && &masked[0] != &src[0] {
		unmaskLinks(root, src, masked)
	}
	return root, masked
}

// unmaskLinks gives the links and images of a tree parsed from masked
// their destinations and titles as src writes them: a page renders them,
// and "{{< ref "p.md" >}}" must not reach it as "{xxxrefxxxpxmdxxxxx".
func unmaskLinks(root ast.Node, src, masked []byte) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination, n.Title = unmasked(n.Destination, src, masked), unmasked(n.Title, src, masked)
		case *ast.Image:
			n.Destination, n.Title = unmasked(n.Destination, src, masked), unmasked(n.Title, src, masked)
		}
		return ast.WalkContinue, nil
	})
}

// unmasked returns b, bytes of masked, as src writes them; b itself when
// it holds no shortcode. b is most often a slice of masked; goldmark
// copies a title, whose bytes are then looked for in masked.
func unmasked(b, src, masked []byte) []byte {
	if len(b) == 0 || bytes.IndexByte(b, '{') < 0 {
		return b
	}
	off := cap(masked) - cap(b)
	if off < 0 || off+len(b) > len(masked) || &masked[off] != &b[0] {
		if off = bytes.Index(masked, b); off < 0 {
			return b
		}
	}
	if bytes.Equal(src[off:off+len(b)], b) {
		return b
	}
	return bytes.Clone(src[off : off+len(b)])
}
