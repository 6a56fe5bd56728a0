package page

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// DescriptionLength is the most characters of <meta name="description">:
// about what search engines show.
const DescriptionLength = 160

// TOCMinSections is how many second-level headings an article needs for a
// table of contents: a shorter one is read at a glance.
const TOCMinSections = 4

// Article is a document's Markdown rendered for its page.
type Article struct {
	// Heading is the document's title heading, shown above the date line;
	// Body the rest.
	Heading, Body template.HTML
	// Headings are every heading with its anchor, in order.
	Headings []Heading
}

// NewArticle renders md (parsed as root, or nil to parse it here), its
// headings anchored (see AnchorHeadings for aliases and reserved ids), and
// splits off a first-level heading that opens the document as its title.
func NewArticle(md []byte, root ast.Node, aliases []string, reserved ...string) (Article, error) {
	if root == nil {
		root = markdown.Parse(md)
	}
	var a Article
	a.Headings = AnchorHeadings(root, md, aliases, reserved...)
	var h, b bytes.Buffer
	r := markdown.Renderer()
	if first := root.FirstChild(); first != nil {
		if hd, ok := first.(*ast.Heading); ok && hd.Level == 1 {
			if err := r.Render(&h, md, hd); err != nil {
				return Article{}, err
			}
			root.RemoveChild(root, hd)
		}
	}
	if err := r.Render(&b, md, root); err != nil {
		return Article{}, err
	}
	a.Heading, a.Body = template.HTML(h.String()), template.HTML(b.String())
	return a, nil
}

// Text is a segment of the document as the page's reader sees it: plain
// text, in the page's language.
type Text struct {
	Kind pipeline.Kind
	Text string
}

// SetContent fills in what the page shows of its document: the title (the
// title segment's text, else name), the description (the first paragraph
// or front matter value, shortened), the article and its table of contents. It returns how many
// words the document has, for the reading time.
func (d *Data) SetContent(name string, texts []Text, a Article) (words int) {
	d.Title = name
	titled := false
	for _, t := range texts {
		words += len(strings.Fields(t.Text))
		switch {
		case t.Kind == pipeline.KindTitle && !titled:
			d.Title, titled = t.Text, true
		case d.Description == "" && (t.Kind == pipeline.KindParagraph || t.Kind == pipeline.KindFrontMatter):
			d.Description = summary(t.Text, DescriptionLength)
		}
	}
	var h2 []Heading
	for _, h := range a.Headings {
		if h.Level == 2 {
			h2 = append(h2, h)
		}
	}
	if len(h2) >= TOCMinSections {
		d.TOC = h2
	}
	d.Heading, d.Body = a.Heading, a.Body
	return words
}

// summary shortens text to at most n characters at a word boundary.
func summary(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
