package xliff

import (
	"encoding/xml"
	"strconv"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// text is the content of a <source> or <target> turned into quipu's tag
// syntax, with the file positions of its parts.
type text struct {
	buf   []byte
	pos   pipeline.Position
	spans []exchange.Span
	isTag map[int]bool // offsets of the tags written for inline codes
	tags  []tagAt
	ids   map[int]bool
}

type tagAt struct {
	n   int
	pos pipeline.Position
}

func (t *text) span(pos pipeline.Position) {
	t.spans = append(t.spans, exchange.Span{Off: len(t.buf), Pos: pos})
}

func (t *text) tag(n int, tag string, pos pipeline.Position) {
	if t.isTag == nil {
		t.isTag, t.ids = map[int]bool{}, map[int]bool{}
	}
	t.isTag[len(t.buf)] = true
	t.ids[n] = true
	t.tags = append(t.tags, tagAt{n, pos})
	t.span(pos)
	t.buf = append(t.buf, tag...)
}

func (t *text) append(o *text) {
	shift := len(t.buf)
	if t.isTag == nil {
		t.isTag = map[int]bool{}
	}
	for _, s := range o.spans {
		t.spans = append(t.spans, exchange.Span{Off: s.Off + shift, Pos: s.Pos})
	}
	for off := range o.isTag {
		t.isTag[off+shift] = true
	}
	t.tags = append(t.tags, o.tags...)
	t.buf = append(t.buf, o.buf...)
}

func (t *text) posAt(off int) pipeline.Position {
	tr := exchange.Translation{Text: string(t.buf), Spans: t.spans, Pos: t.pos}
	return tr.PosAt(off)
}

// inline reads the content of the element just started, up to its end
// tag, into t: text as text, inline codes as quipu's tags.
func (r *reader) inline(t *text, unit string, depth int) error {
	if depth > maxDepth {
		r.errAt(r.pos, "unit %q: inline codes nested more than %d deep", unit, maxDepth)
		return r.d.Skip()
	}
	for {
		tok, err := r.next()
		if err != nil {
			return eof(err)
		}
		pos := r.pos
		switch x := tok.(type) {
		case xml.CharData:
			t.span(pos)
			t.buf = append(t.buf, x...)
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if x.Name.Space != Namespace {
				r.errAt(pos, "unit %q: unexpected <%s> (namespace %q) in a source or target", unit, x.Name.Local, x.Name.Space)
				if err := r.d.Skip(); err != nil {
					return err
				}
				continue
			}
			switch x.Name.Local {
			case "pc":
				n := r.codeID(x, "id", unit, pos)
				if n > 0 {
					t.tag(n, "<"+strconv.Itoa(n)+">", pos)
				}
				if err := r.inline(t, unit, depth+1); err != nil {
					return err
				}
				if n > 0 {
					t.tag(n, "</"+strconv.Itoa(n)+">", r.pos)
				}
				continue
			case "mrk":
				// Annotations (terms, comments) keep their text.
				if err := r.inline(t, unit, depth+1); err != nil {
					return err
				}
				continue
			case "ph":
				if n := r.codeID(x, "id", unit, pos); n > 0 {
					t.tag(n, "<"+strconv.Itoa(n)+"/>", pos)
				}
			case "sc":
				// A pair split by the tool, for instance across segments.
				if n := r.codeID(x, "id", unit, pos); n > 0 {
					t.tag(n, "<"+strconv.Itoa(n)+">", pos)
				}
			case "ec":
				ref := "startRef"
				if _, ok := attrOf(x, "", ref); !ok {
					ref = "id"
				}
				if n := r.codeID(x, ref, unit, pos); n > 0 {
					t.tag(n, "</"+strconv.Itoa(n)+">", pos)
				}
			case "cp":
				h, _ := attrOf(x, "", "hex")
				c, err := strconv.ParseUint(h, 16, 32)
				if err != nil || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) {
					r.errAt(pos, "unit %q: <cp hex=%q> is not a code point", unit, h)
				} else if qa.IsControl(rune(c)) {
					// Invisible on a page, it could only hide or garble text.
					r.errAt(pos, "unit %q: <cp hex=%q> is a control character; delete it", unit, h)
				} else {
					t.span(pos)
					t.buf = append(t.buf, string(rune(c))...)
				}
			case "sm", "em":
				// Annotation markers carry no text.
			default:
				r.errAt(pos, "unit %q: unexpected <%s> in a source or target", unit, x.Name.Local)
			}
			if err := r.d.Skip(); err != nil {
				return err
			}
		}
	}
}

// codeID reads the number of an inline code, which is the number of the
// tag quipu exported it from.
func (r *reader) codeID(el xml.StartElement, name, unit string, pos pipeline.Position) int {
	v, _ := attrOf(el, "", name)
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 9999 || strconv.Itoa(n) != v {
		r.errAt(pos, "unit %q: <%s %s=%q> is not an inline code of the source", unit, el.Name.Local, name, v)
		return 0
	}
	return n
}
