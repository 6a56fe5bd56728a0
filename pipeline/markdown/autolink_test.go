package markdown_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

// TestBareAddressesArePlaceholders protects bare URLs and e-mail addresses
// (what GFM autolinks) from translation: each reaches the translator as a
// tag, so a translator or the pseudo-locale cannot garble it, and the
// identity build stays byte for byte.
func TestBareAddressesArePlaceholders(t *testing.T) {
	for _, tt := range []struct {
		src, text string
		opens     []string
		seg       int // which segment
	}{
		{"See https://example.com/docs for more.\n", "See <1/> for more.", []string{"https://example.com/docs"}, 0},
		{"Write to help@example.com today.\n", "Write to <1/> today.", []string{"help@example.com"}, 0},
		{"- www.example.org has the map.\n", "<1/> has the map.", []string{"www.example.org"}, 0},
		{"> Both http://a.example and <https://b.example>.\n", "Both <1/> and <2/>.", []string{"http://a.example", "<https://b.example>"}, 0},
		{"A *strong https://x.example claim*.\n", "A <1>strong <2/> claim</1>.", []string{"*", "https://x.example"}, 0},
		{"Code `https://c.example` stays code.\n", "Code <1/> stays code.", []string{"`https://c.example`"}, 0},
		{"| a | b |\n| --- | --- |\n| mail me@example.com | x |\n", "mail <1/>", []string{"me@example.com"}, 2},
		{"Not a link: example.com or user@localhost.\n", "Not a link: example.com or user@localhost.", nil, 0},
	} {
		doc, err := markdown.Extract("a.md", []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		seg := doc.Segments[tt.seg]
		if seg.Text != tt.text {
			t.Errorf("%q: text %q, want %q", tt.src, seg.Text, tt.text)
		}
		var opens []string
		for _, ph := range seg.Placeholders {
			opens = append(opens, ph.Open)
		}
		if strings.Join(opens, " ") != strings.Join(tt.opens, " ") {
			t.Errorf("%q: placeholders %q, want %q", tt.src, opens, tt.opens)
		}
		same, _ := markdown.Assemble(doc, func(s *pipeline.Segment) (string, bool) { return s.Text, true }, false)
		if string(same) != tt.src {
			t.Errorf("%q: identity build gave %q", tt.src, same)
		}
		qps, _, _, _ := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return pseudo.Segment(s), true })
		for _, o := range tt.opens {
			if !strings.Contains(string(qps), o) {
				t.Errorf("%q: the pseudo-locale garbled %q: %q", tt.src, o, qps)
			}
		}
	}
}

// TestReaderText protects what pages show of a message: bare addresses
// (tags for the translator) stay as text, other markup is left out.
func TestReaderText(t *testing.T) {
	doc, err := markdown.Extract("a.md", []byte("Mail me@example.com, see `code`, <https://a.example> and *www.b.example*.\n"))
	if err != nil {
		t.Fatal(err)
	}
	seg := doc.Segments[0]
	want := "Mail me@example.com, see ,  and www.b.example."
	if got := markdown.ReaderText(seg.Text, seg.Placeholders); got != want {
		t.Errorf("ReaderText(%q) = %q, want %q", seg.Text, got, want)
	}
}
