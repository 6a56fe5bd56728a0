package markdown

import "testing"

// TestHiddenFindsUnseenWords: words a translation puts where no reader
// shows them (an unreferenced footnote definition, dropped by quipu and
// Hugo; an HTML comment) are found, while the same words in a paragraph
// are not.
func TestHiddenFindsUnseenWords(t *testing.T) {
	doc, err := Extract("a.md", []byte("A paragraph.\n"))
	if err != nil {
		t.Fatal(err)
	}
	seg := doc.Segments[0]
	want := read(doc.Source, true)
	for _, tt := range []struct {
		out    string
		hidden bool
	}{
		{"[^9]: Un párrafo.\n", true},
		{"Un párrafo.\n", false},
		{"Un <!-- párrafo. -->\n", true},
	} {
		text := tt.out[:len(tt.out)-1]
		start := 0
		if tt.hidden && text[0] == '[' {
			start = len("[^9]: ")
		}
		text = text[start:]
		got := read([]byte(tt.out), true)
		found := hidden(doc, want, got, []span{{seg: seg, text: text, start: start, stop: len(tt.out) - 1}})
		if found[seg] != tt.hidden {
			t.Errorf("%q: hidden %v, want %v", tt.out, found[seg], tt.hidden)
		}
	}

}
