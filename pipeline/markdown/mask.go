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
	return p.Parse(r, parser.WithContext(ctx)), masked
}
