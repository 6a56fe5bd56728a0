package page

import (
	"regexp"
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
//
// aliases, when given, are the ids of the same headings in the source
// document: links written in the source ("#historical-context", from this
// document or another) must keep working in every translation, so where
// the two differ the source id is kept as an empty anchor in the heading.
//
// reserved are ids the page has besides the document's: those of its
// template (see Template.IDs). The built-in template's are always
// reserved, and so are the ids the document's own HTML sets.
func AnchorHeadings(root ast.Node, src []byte, aliases []string, reserved ...string) []Heading {
	var out []Heading
	used := usedIDs(root, src, reserved)
	i := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		text := plainText(h, src)
		id := uniqueID(used, text)
		h.SetAttributeString("id", []byte(id))
		if i < len(aliases) && aliases[i] != id && !used[aliases[i]] {
			used[aliases[i]] = true
			anchor := ast.NewString([]byte(`<span id="` + aliases[i] + `"></span>`))
			anchor.SetCode(true) // written as is: the id is made of [a-z0-9-] only
			h.InsertBefore(h, h.FirstChild(), anchor)
		}
		i++
		out = append(out, Heading{ID: id, Text: text, Level: h.Level})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// HeadingIDs returns the ids AnchorHeadings gives the headings of a
// document, in order, without changing it.
func HeadingIDs(root ast.Node, src []byte, reserved ...string) []string {
	var ids []string
	used := usedIDs(root, src, reserved)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		ids = append(ids, uniqueID(used, plainText(h, src)))
		return ast.WalkSkipChildren, nil
	})
	return ids
}

// uniqueID makes the anchor of a heading's text, numbered as GitHub
// numbers them when taken ("notes", "notes-1", "notes-2"), so every id in
// a page is unique: a heading translated "Contenido" or "Content" never
// takes the id of the page's own <main id="content">.
func uniqueID(used map[string]bool, text string) string {
	base := Slug(text)
	if base == "" {
		base = "section"
	}
	id := base
	for n := 1; used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	used[id] = true
	return id
}

// templateIDs are the ids the built-in page template gives its own
// elements.
var templateIDs = idsIn(TemplateSource())

// idRE finds an id attribute in HTML.
var idRE = regexp.MustCompile(`(?i)\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))`)

func idsIn(html []byte) []string {
	var out []string
	for _, m := range idRE.FindAllSubmatch(html, -1) {
		out = append(out, string(m[1])+string(m[2])+string(m[3]))
	}
	return out
}

// usedIDs are the ids a page has before its headings get theirs: the
// template's, and those the document's own HTML sets.
func usedIDs(root ast.Node, src []byte, reserved []string) map[string]bool {
	used := map[string]bool{}
	for _, ids := range [][]string{templateIDs, reserved} {
		for _, id := range ids {
			used[id] = true
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			for _, id := range idsIn(n.Segments.Value(src)) {
				used[id] = true
			}
		case *ast.HTMLBlock:
			for _, id := range idsIn(n.Lines().Value(src)) {
				used[id] = true
			}
		}
		return ast.WalkContinue, nil
	})
	return used
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

// foldAccents returns a new transformer each time: a chain keeps state
// and pages are built on several goroutines.
func foldAccents() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Slug makes an anchor from text: accents folded (with x/text), lower
// case, ASCII letters and digits joined by hyphens; ñ becomes n. Anchors
// stay ASCII so they read the same in an address bar and in the page.
func Slug(text string) string {
	folded, _, err := transform.String(foldAccents(), text)
	if err != nil {
		folded = text
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
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
