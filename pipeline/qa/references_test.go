package qa_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// findings lists what check finds of the invisible characters, as
// "code severity@offset".
func findings(probs []pipeline.Problem) []string {
	var out []string
	for _, p := range probs {
		switch p.Code {
		case qa.CodeControl, qa.CodeBidi, qa.CodeZeroWidth:
			out = append(out, fmt.Sprintf("%s %s@%d", p.Code, p.Severity, p.Offset))
		}
	}
	return out
}

// TestReferencedInvisibles: a character written as a character reference
// is checked as the reader sees it, the character itself, whichever way
// the reference is written and whichever reader decodes it: CommonMark
// (goldmark) on the page, html.UnescapeString in its title and
// description. Each finding is at the reference's "&".
func TestReferencedInvisibles(t *testing.T) {
	tests := []struct {
		name, source, translation string
		want                      []string
	}{
		{"hex bidi override", "Open the file.", "Abran el &#x202E;archivo.", []string{"bidi-control error@9"}},
		{"decimal bidi override", "Open the file.", "Abran el &#8238;archivo.", []string{"bidi-control error@9"}},
		{"hex with a capital X", "Open the file.", "Abran el &#X202e;archivo.", []string{"bidi-control error@9"}},
		{"right-to-left mark by name", "Open the file.", "Abran &rlm;el archivo.", []string{"bidi-control error@6"}},
		{"left-to-right mark by name", "Open the file.", "Abran &lrm;el archivo.", []string{"bidi-control error@6"}},
		{"isolate by number", "Open the file.", "Abran &#x2067;el archivo.", []string{"bidi-control error@6"}},
		{"zero-width joiner by name", "Open the file.", "Abran el ar&zwj;chivo.", []string{"zero-width warning@11"}},
		{"zero-width space by number", "Open the file.", "Abran el ar&#x200B;chivo.", []string{"zero-width warning@11"}},
		{"invisible times by name", "Open the file.", "Abran el ar&InvisibleTimes;chivo.", []string{"zero-width warning@11"}},
		{"bell", "Open the file.", "Abran el archivo.&#7;", []string{"control-char error@17"}},
		{"C1 control, which HTML reads as Windows-1252", "Open the file.", "Abran el&#133; archivo.", []string{"control-char error@8"}},
		{"no semicolon, decoded in the description", "Open the file.", "Abran el &#x7 archivo.", []string{"control-char error@9"}},
		{"digits that wrap around in the description", "Open the file.", "Abran el &#4294967303; archivo.", []string{"control-char error@9"}},
		{"split by a tag, joined in the description", "Run `make` now.", "Ejecute &#x20<1/>2E;ya.", []string{"bidi-control error@8"}},
		{"joined to a bare address in the description", "Write to Emily@example.org today.", "Escriba a &#x202<1/> hoy.", []string{"bidi-control error@10"}},
		{"the source's code", "Type `&#7;` here.", "Escriba <1/> aquí.", nil},
		{"each character once", "Open the file.", "A&#x202E;b&#x202E;c&#8238;.", []string{"bidi-control error@1"}},
		{"the source's own, referenced", "Open the &rlm;file.", "Abran el &rlm;archivo.", nil},
		{"the source's own, typed", "Open the \u200ffile.", "Abran el &rlm;archivo.", nil},
		{"an escaped ampersand is text", "Open the file.", "Abran el &amp;#x202E;archivo.", nil},
		{"visible references", "Open the file.", "Abran el &lt;archivo&gt; &#233; &eacute; &#x2014;.", nil},
		{"a lone ampersand", "Open the file & folder.", "Abran el archivo & la carpeta.", nil},
		{"the typed marks", "Open the file.", "Abran \u200eel \u061carchivo.", []string{"bidi-control error@6", "bidi-control error@12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seg := segment(t, tt.source+"\n", 0)
			got := findings(qa.Check(qa.Input{Markdown: true, Segment: seg, Translation: tt.translation, Locale: "es-PE"}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestReferencesInHTMLDocuments: quipu's HTML documents write a
// translation's "&" as "&amp;", so a reference there is text and check
// does not read it.
func TestReferencesInHTMLDocuments(t *testing.T) {
	seg := segment(t, "Open the file.\n", 0)
	got := qa.Check(qa.Input{Markdown: false, Segment: seg, Translation: "Abran el &#x202E;archivo&#7;.", Locale: "es-PE"})
	if f := findings(got); len(f) > 0 {
		t.Errorf("got %v", f)
	}
}

// TestUnusable: a build keeps out a control character, typed or
// referenced, and a referenced bidi control the source lacks; a typed
// bidi control and a zero-width character are kept as text.
func TestUnusable(t *testing.T) {
	for _, tc := range []struct {
		src, tr, want string // want: the code, or "" for usable
	}{
		{"Open the file.", "Abran el archivo.\a", qa.CodeControl},
		{"Open the file.", "Abran el archivo.&#7;", qa.CodeControl},
		{"Open the file.", "Abran el &#x202E;archivo.", qa.CodeBidi},
		{"Open the file.", "Abran el &rlm;archivo.", qa.CodeBidi},
		{"Open the &rlm;file.", "Abran el &rlm;archivo.", ""},
		{"Open the file.", "Abran el \u202earchivo.", ""},
		{"Open the file.", "Abran el ar&#x200B;chivo.", ""},
		{"Open the file.", "Abran el &amp;#x202E;archivo.", ""},
	} {
		got := qa.Unusable(segment(t, tc.src+"\n", 0), tc.tr)
		switch {
		case tc.want == "" && got != nil:
			t.Errorf("%q: %v, want it usable", tc.tr, got)
		case tc.want != "" && (len(got) == 0 || got[0].Code != tc.want || got[0].Severity != qa.Error):
			t.Errorf("%q: %v, want an error %s", tc.tr, got, tc.want)
		}
	}
}
