package page

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
)

// TestNewArticleSplitsTitle protects the page's layout: a first-level
// heading that opens the document goes above the date line, the rest below.
func TestNewArticleSplitsTitle(t *testing.T) {
	for _, tt := range []struct {
		md, heading string
	}{
		{"# Title\n\nText.\n", `<h1 id="title">Title</h1>` + "\n"},
		{"Text.\n\n# Late title\n", ""},
		{"## Section\n\nText.\n", ""},
	} {
		a, err := NewArticle([]byte(tt.md), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(a.Heading) != tt.heading {
			t.Errorf("%q: heading %q, want %q", tt.md, a.Heading, tt.heading)
		}
		if tt.heading != "" && strings.Contains(string(a.Body), "<h1") {
			t.Errorf("%q: the title is in the body too: %s", tt.md, a.Body)
		}
	}
}

// TestSetContent protects what the template receives: the first title
// segment as title (the document's name without one), the first paragraph
// shortened to DescriptionLength as description, a table of contents from
// TOCMinSections second-level headings on, and the word count.
func TestSetContent(t *testing.T) {
	long := strings.Repeat("word ", 50)
	sections := func(n int) Article {
		var a Article
		for i := 0; i < n; i++ {
			a.Headings = append(a.Headings, Heading{ID: "s", Text: "S", Level: 2}, Heading{ID: "t", Text: "T", Level: 3})
		}
		return a
	}
	var d Data
	words := d.SetContent("doc", []Text{
		{pipeline.KindHeading, "A heading"},
		{pipeline.KindTitle, "The title"},
		{pipeline.KindParagraph, long},
		{pipeline.KindTitle, "Another title"},
		{pipeline.KindParagraph, "Second paragraph."},
	}, sections(TOCMinSections))
	if d.Title != "The title" {
		t.Errorf("title %q", d.Title)
	}
	if n := len([]rune(d.Description)); n > DescriptionLength+1 || !strings.HasSuffix(d.Description, "word…") {
		t.Errorf("description %q (%d characters)", d.Description, n)
	}
	if len(d.TOC) != TOCMinSections {
		t.Errorf("TOC has %d entries, want %d", len(d.TOC), TOCMinSections)
	}
	if words != 2+2+50+2+2 {
		t.Errorf("words = %d", words)
	}

	var short Data
	short.SetContent("doc", []Text{{pipeline.KindParagraph, "Short."}}, sections(TOCMinSections-1))
	if short.Title != "doc" || short.Description != "Short." || short.TOC != nil {
		t.Errorf("short page: title %q, description %q, TOC %v", short.Title, short.Description, short.TOC)
	}
}
