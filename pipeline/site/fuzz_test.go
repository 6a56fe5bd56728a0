package site

import (
	"bytes"
	"testing"
)

// FuzzMark: a marked page is always Marked, and keeps every byte of the
// page after the front matter's opening line.
func FuzzMark(f *testing.F) {
	for _, s := range []string{"---\ntitle: a\n---\nText.\n", "+++\n+++\n", "{\n}\n", "Text.", "", "---", "---\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, md []byte) {
		out := Mark(md, "content/a.md")
		if !Marked(out) {
			t.Fatalf("Mark(%q) = %q is not Marked", md, out)
		}
		if !bytes.HasSuffix(out, afterLine(md)) && !bytes.HasSuffix(out, md) {
			t.Fatalf("Mark(%q) = %q lost bytes of the page", md, out)
		}
	})
}
