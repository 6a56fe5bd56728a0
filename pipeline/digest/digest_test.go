package digest

import (
	"fmt"
	"strings"
	"testing"
)

// TestDigestShowsTheFirstFewOfEachKind protects people from thousands of
// lines: the first few of each kind, then how many more; -v lists all.
func TestDigestShowsTheFirstFewOfEachKind(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"write locales/en/a.en.toml", "write locales/en/x/b.en.toml"},
		{"content/a.md: es-PE: 3 of 5 segments untranslated", "content/b/c.md: es-PE: 1 of 9 segments untranslated"},
		{"locales/es-PE/a.es-PE.toml:12:3: warning: message page-0-a95ac7: fuzzy translation used", "locales/es-PE/b/c.es-PE.toml:1:1: warning: message other-text-c03dc9: fuzzy translation used"},
	} {
		if Kind(tc.a) != Kind(tc.b) {
			t.Errorf("%q and %q are of different kinds: %q, %q", tc.a, tc.b, Kind(tc.a), Kind(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"write locales/en/a.en.toml", "write locales/es-PE/a.es-PE.toml"},
		{"content/a.md: es-PE: 3 of 5 segments untranslated", "content/a.md: qps: 3 of 5 segments untranslated"},
		{"locales/es-PE/a.es-PE.toml:12:3: warning: message p-1: fuzzy translation used", "locales/es/a.es.toml:12:3: warning: message p-1: fuzzy translation used"},
	} {
		if Kind(tc.a) == Kind(tc.b) {
			t.Errorf("%q and %q are of one kind, %q: each locale is counted apart", tc.a, tc.b, Kind(tc.a))
		}
	}
	write := func(l *Log) {
		for i := range 7425 {
			fmt.Fprintf(l, "write locales/es-PE/p%d.es-PE.toml\n", i)
		}
		for i := range 5 {
			fmt.Fprintf(l, "content/p%d.md: es-PE: %d of 9 segments untranslated, source text used\n", i, i+1)
		}
		fmt.Fprint(l, "content/x.md:3:1: warning: odd\n")
	}
	var l Log
	write(&l)
	var b strings.Builder
	if err := l.Flush(&b); err != nil {
		t.Fatal(err)
	}
	want := `write locales/es-PE/p0.es-PE.toml
write locales/es-PE/p1.es-PE.toml
write locales/es-PE/p2.es-PE.toml
… and 7,422 more (-v lists them all)
content/p0.md: es-PE: 1 of 9 segments untranslated, source text used
content/p1.md: es-PE: 2 of 9 segments untranslated, source text used
content/p2.md: es-PE: 3 of 9 segments untranslated, source text used
… and 2 more (-v lists them all)
content/x.md:3:1: warning: odd
`
	if b.String() != want {
		t.Errorf("digest:\n%s\nwant:\n%s", b.String(), want)
	}

	v := Log{Verbose: true}
	write(&v)
	b.Reset()
	v.Flush(&b)
	if n := strings.Count(b.String(), "\n"); n != 7425+5+1 {
		t.Errorf("verbose printed %d lines, want every one", n)
	}
	q := Log{Quiet: true}
	write(&q)
	b.Reset()
	q.Flush(&b)
	if b.Len() != 0 || q.Len() != 7431 {
		t.Errorf("quiet printed %q, counted %d", b.String(), q.Len())
	}
}

// TestLinesShowsTheFirstFew: a list that is one kind already (a refused
// export's gaps) is shortened as a Log's kind is, and -v lists it all.
func TestLinesShowsTheFirstFew(t *testing.T) {
	line := func(i int) string { return fmt.Sprintf("gap %d", i) }
	for _, tc := range []struct {
		n       int
		verbose bool
		want    string
	}{
		{2, false, "gap 0\ngap 1\n"},
		{3, false, "gap 0\ngap 1\ngap 2\n"},
		{1812, false, "gap 0\ngap 1\ngap 2\n… and 1,809 more (-v lists them all)\n"},
		{4, true, "gap 0\ngap 1\ngap 2\ngap 3\n"},
	} {
		var b strings.Builder
		Lines(&b, tc.n, tc.verbose, line)
		if b.String() != tc.want {
			t.Errorf("Lines(%d, %v) = %q, want %q", tc.n, tc.verbose, b.String(), tc.want)
		}
	}
}
