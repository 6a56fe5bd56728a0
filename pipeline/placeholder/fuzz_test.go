package placeholder_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

var messageSeeds = []string{
	"",
	"Read the <1>altitude guide</1> and run <2/>.",
	"Lea la <1>guía <2>despacio</1></2>; use <3/> y <3/>.",
	"<1/> tickets <9/> <01> </1> <1/ > < 1> <12345/> <0/>",
	"a < b > c <<1>> <</1>/1>",
	"&lt;script&gt; <script>alert(1)</script> \\<1/>",
	"<1><2><3></3></2></1><4/>",
}

// FuzzParse checks that Parse accounts for every byte of any message, that
// the tags it reads round-trip through pipeline.Tag, that no tag hides in
// its text, and that Check, Strip and the pseudo-locale agree with it.
func FuzzParse(f *testing.F) {
	for _, s := range messageSeeds {
		f.Add(s, uint16(0b1010))
	}
	f.Fuzz(func(t *testing.T, msg string, kinds uint16) {
		toks := placeholder.Parse(msg)
		var all, text strings.Builder
		var tags []string
		for _, tok := range toks {
			if tok.Offset != all.Len() {
				t.Fatalf("token %q at offset %d, want %d", tok.Text, tok.Offset, all.Len())
			}
			all.WriteString(tok.Text)
			if tok.Kind == placeholder.Text {
				text.WriteString(tok.Text)
				for i := 0; i < len(tok.Text); i++ {
					if tok.Text[i] == '<' && placeholder.LooksLikeTag(msg[tok.Offset+i:]) {
						t.Fatalf("a tag at offset %d was read as text", tok.Offset+i)
					}
				}
				continue
			}
			tags = append(tags, tok.Text)
			if !placeholder.LooksLikeTag(tok.Text) {
				t.Fatalf("tag %q does not look like a tag", tok.Text)
			}
			kind := pipeline.Paired
			if tok.Kind == placeholder.Standalone {
				kind = pipeline.Standalone
			}
			open, close := pipeline.Tag(tok.N, kind)
			canon := open
			if tok.Kind == placeholder.Close {
				canon = close
			}
			again := placeholder.Parse(canon)
			if len(again) != 1 || again[0].Kind != tok.Kind || again[0].N != tok.N {
				t.Fatalf("tag %q written back as %q reads %+v", tok.Text, canon, again)
			}
		}
		if all.String() != msg {
			t.Fatalf("tokens spell %q, want %q", all.String(), msg)
		}
		if got := placeholder.Strip(msg); got != text.String() {
			t.Fatalf("Strip = %q, want the text tokens %q", got, text.String())
		}
		// Pseudo-translation keeps every tag, in order.
		var ptags []string
		for _, tok := range placeholder.Parse(pseudo.Translate(msg)) {
			if tok.Kind != placeholder.Text {
				ptags = append(ptags, tok.Text)
			}
		}
		if strings.Join(ptags, "") != strings.Join(tags, "") {
			t.Fatalf("pseudo-translation tags %q, want %q", ptags, tags)
		}
		// Check against up to 16 placeholders whose kinds the fuzzer picks:
		// a translation it accepts has every tag known, once, and nested.
		phs := make([]pipeline.Placeholder, 1+int(kinds>>12))
		for i := range phs {
			phs[i] = pipeline.Placeholder{Kind: pipeline.PlaceholderKind(kinds >> i & 1), Label: "x"}
		}
		if placeholder.HasErrors(placeholder.Check(toks, phs)) {
			return
		}
		seen := map[int]bool{}
		var stack []int
		for _, tok := range toks {
			if tok.Kind == placeholder.Text {
				continue
			}
			if tok.N < 1 || tok.N > len(phs) {
				t.Fatalf("accepted unknown tag %q", tok.Text)
			}
			switch tok.Kind {
			case placeholder.Open, placeholder.Standalone:
				if seen[tok.N] {
					t.Fatalf("accepted %q twice", tok.Text)
				}
				seen[tok.N] = true
				if tok.Kind == placeholder.Open {
					stack = append(stack, tok.N)
				}
			case placeholder.Close:
				if len(stack) == 0 || stack[len(stack)-1] != tok.N {
					t.Fatalf("accepted unbalanced %q", tok.Text)
				}
				stack = stack[:len(stack)-1]
			}
		}
		if len(stack) > 0 {
			t.Fatalf("accepted unclosed tags %v", stack)
		}
	})
}
