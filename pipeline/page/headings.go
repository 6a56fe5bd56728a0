package page

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Heading is an entry of the table of contents.
type Heading struct {
	ID, Text string
	Level    int
}

// AnchorHeadings gives every heading of a rendered document an id made
// from its own text, so a Spanish heading gets a Spanish anchor
// ("contexto-historico"), and returns the headings in order.
func AnchorHeadings(root ast.Node, src []byte) []Heading {
	var out []Heading
	used := map[string]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		text := plainText(h, src)
		id := Slug(text)
		if id == "" {
			id = "section"
		}
		if n := used[id]; n > 0 {
			used[id]++
			id += "-" + strconv.Itoa(n+1)
		} else {
			used[id] = 1
		}
		h.SetAttributeString("id", []byte(id))
		out = append(out, Heading{ID: id, Text: text, Level: h.Level})
		return ast.WalkSkipChildren, nil
	})
	return out
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

var foldAccents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// Slug makes an anchor from text: accents folded (with x/text), lower
// case, letters and digits joined by hyphens; ñ becomes n.
func Slug(text string) string {
	folded, _, err := transform.String(foldAccents, text)
	if err != nil {
		folded = text
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
