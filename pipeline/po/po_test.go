package po_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/quipu-l10n/quipu/internal/exchangetest"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/po"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestEncodeGolden(t *testing.T) {
	_, _, ex := exchangetest.Fixture(t)
	got := po.Encode(ex)
	path := "testdata/a.po"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
	for i, line := range strings.Split(string(got), "\n") {
		if n := utf8.RuneCountInString(line); n > po.Width && strings.HasPrefix(line, `"`) && strings.Contains(line[1:len(line)-1], " ") {
			t.Errorf("line %d has %d columns, more than %d: %s", i+1, n, po.Width, line)
		}
	}
}

// TestMsgfmt has GNU gettext check the exported file: syntax, header,
// format of every entry.
func TestMsgfmt(t *testing.T) {
	msgfmt, err := exec.LookPath("msgfmt")
	if err != nil {
		t.Skip("msgfmt not installed (Debian package gettext): PO files not checked by gettext")
	}
	_, _, ex := exchangetest.Fixture(t)
	ex.Units[3].Target = "Un elemento con <1>fuerte</1>\ty <2/>\x01" // a tab and a control character
	file := filepath.Join(t.TempDir(), "a.po")
	if err := os.WriteFile(file, po.Encode(ex), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(msgfmt, "--check", "--statistics", "-o", os.DevNull, file)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("msgfmt --check: %v\n%s", err, stderr.String())
	}
	// The statistics are gettext's reading of the states.
	if got, want := strings.TrimSpace(stderr.String()), "3 translated messages, 1 fuzzy translation, 1 untranslated message."; got != want {
		t.Errorf("msgfmt says %q, want %q", got, want)
	}
}

// TestGettextLayout has msgcat rewrite the exported file: gettext's own
// wrapping and escaping leave it as it is.
func TestGettextLayout(t *testing.T) {
	msgcat, err := exec.LookPath("msgcat")
	if err != nil {
		t.Skip("msgcat not installed (Debian package gettext): layout not compared with gettext's")
	}
	_, _, ex := exchangetest.Fixture(t)
	want := po.Encode(ex)
	cmd := exec.Command(msgcat, "-")
	cmd.Stdin = bytes.NewReader(want)
	got, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("msgcat rewrites the file (-quipu +msgcat):\n%s", diff)
	}
}

func TestRoundTrip(t *testing.T) {
	doc, f, ex := exchangetest.Fixture(t)
	r, err := po.Decode("a.po", po.Encode(ex))
	if err != nil {
		t.Fatal(err)
	}
	if r.Document != "content/a.md" || r.Locale != "es-PE" || r.SourceLocale != "en" {
		t.Errorf("file %s %s→%s", r.Document, r.SourceLocale, r.Locale)
	}
	if len(r.Translations) != len(ex.Units) {
		t.Fatalf("%d entries, want %d", len(r.Translations), len(ex.Units))
	}
	for i, u := range ex.Units {
		tr := r.Translations[i]
		state := u.State
		if state == catalog.Reviewed {
			state = catalog.Translated // PO has no such state; Merge keeps the review
		}
		if tr.ID != u.ID || tr.Text != u.Target || tr.State != state || tr.Base != u.Base {
			t.Errorf("entry %d: got %q %q (%q) %s\nwant %q %q (%q) %s", i, tr.ID, tr.Text, tr.State, tr.Base, u.ID, u.Target, state, u.Base)
		}
	}
	before := string(catalog.Format(f))
	out, errs := exchange.Merge(doc, f, r, false)
	if errs != nil || out.Updated != 0 {
		t.Fatalf("merge of an untouched file: %+v %v", out, errs)
	}
	if string(catalog.Format(f)) != before {
		t.Error("an untouched file changed the messages")
	}
}

func TestParse(t *testing.T) {
	src := `# translator
#. extracted
#: a.md:1 b.md:2
#, fuzzy, c-format
#| msgid "old"
#| "er"
msgctxt "ctx"
msgid ""
"multi\n"
"line"
msgstr "a\tb\"c\\d\101\x42\n"
"more"
msgid "no blank line before"
msgstr ""

#~ msgid "obsolete"
#~ msgstr "gone"

msgid "p"
msgid_plural "ps"
msgstr[0] "x"
msgstr[1] "xs"
`
	entries, err := po.Parse("t.po", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries, want 3", len(entries))
	}
	e := entries[0]
	want := po.Entry{
		Comments: []string{"translator"}, Extracted: []string{"extracted"}, References: []string{"a.md:1 b.md:2"},
		Flags: []string{"fuzzy", "c-format"}, PrevMsgid: "older", Context: "ctx", HasContext: true,
		ID: "multi\nline", Str: "a\tb\"c\\dAB\nmore",
	}
	e.Pos, e.ContextPos, e.StrPos, e.StrSpans = want.Pos, want.ContextPos, want.StrPos, nil
	if diff := cmp.Diff(want, *e); diff != "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}
	if entries[1].ID != "no blank line before" || entries[1].Pos.Line != 13 {
		t.Errorf("second entry %q at line %d", entries[1].ID, entries[1].Pos.Line)
	}
	if p := entries[2]; !p.HasPlural || len(p.StrPlural) != 2 || p.StrPlural[1] != "xs" {
		t.Errorf("plural entry %+v", p)
	}
}

// TestParseErrors: every bad entry is reported in one run, at its line
// and column.
func TestParseErrors(t *testing.T) {
	src := `msgid "a
msgstr "b"

msgid "c" x
msgstr "d"

msgstr "e"

msgid "f"
msgstr "g\q"

msgid "h"
msgid "i"
msgstr "j"

foo "k"

msgid "l"
`
	_, err := po.Parse("t.po", []byte(src))
	want := []string{
		`t.po:1:7: string not closed with "`,
		`t.po:4:11: unexpected "x" after the string`,
		`t.po:7:1: msgstr must follow msgid`,
		`t.po:10:10: unknown escape \q`,
		`t.po:13:1: msgid must come once, before msgstr`,
		`t.po:16:1: unknown keyword "foo" (want msgctxt, msgid, msgid_plural or msgstr)`,
		`t.po:18:1: entry has no msgstr`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestDecodeErrors(t *testing.T) {
	head := `msgid ""
msgstr ""
"Language: es_PE\n"
"Content-Type: text/plain; charset=UTF-8\n"
"X-Quipu-Document: content/a.md\n"
`
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no msgctxt", head + "\nmsgid \"a\"\nmsgstr \"b\"\n", []string{`t.po:7:1: entry has no msgctxt`}},
		{"plural", head + "\nmsgctxt \"x\"\nmsgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n", []string{`t.po:7:1: message "x": plural entries are not quipu's`}},
		{"no header", "msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b\"\n", []string{`t.po:1:1: no header entry`, `t.po:1:1: the header has no X-Quipu-Document field`}},
		{"latin-1", strings.Replace(head, "UTF-8", "ISO-8859-1", 1), []string{`t.po:2:1: charset "ISO-8859-1"`}},
		{"no language", strings.Replace(head, "Language", "Lang", 1), []string{`t.po:1:1: the header has no Language field`}},
		{"invalid UTF-8", head + "# \xff\n", []string{`t.po:6:3: invalid UTF-8`}},
		{"control character", head + "\nmsgctxt \"x\"\nmsgid \"a\"\nmsgstr \"ab\\ac\"\n", []string{`t.po:9:11: message "x": control character U+0007`}},
		{"C1 control character", head + "\nmsgctxt \"x\"\nmsgid \"a\"\nmsgstr \"\u0085\"\n", []string{`t.po:9:9: message "x": control character U+0085`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := po.Decode("t.po", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("error %d: %s\nwant it to contain %s", i, got[i], w)
				}
			}
		})
	}
}

// TestDecodeFallbacks: a tool that drops quipu's header field still
// names the document in its references; a byte order mark is no entry.
func TestDecodeFallbacks(t *testing.T) {
	src := "\uFEFFmsgid \"\"\nmsgstr \"Language: es_PE\\n\"\n\n#: content/a b.md:3 other.md:4\nmsgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b <1>\"\n"
	src = strings.Replace(src, "content/a b.md", "\u2068content/a b.md\u2069", 1)
	r, err := po.Decode("t.po", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.Document != "content/a b.md" {
		t.Errorf("document %q", r.Document)
	}
	tr := r.Translations[0]
	if got := tr.PosAt(2).String(); got != "t.po:7:11" {
		t.Errorf("byte 2 of the msgstr at %s, want t.po:7:11", got)
	}
}

// FuzzParse: the parser never panics, its errors have positions, and a
// string it reads survives being written and read again.
func FuzzParse(f *testing.F) {
	_, _, ex := exchangetest.Fixture(f)
	f.Add(po.Encode(ex))
	f.Add([]byte("msgid \"a\\\"\\n\\101\"\nmsgstr \"\"\n\"b\"\n"))
	f.Add([]byte("#| msgid \"x\"\nmsgctxt \"c\"\nmsgid \"\"\nmsgstr[0] \"y\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := po.Parse("f.po", data)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.po:") {
					t.Fatalf("error without position: %q", line)
				}
			}
			return
		}
		for _, e := range entries {
			u := &exchange.Unit{ID: e.Context, Source: e.ID, Target: e.Str, State: catalog.Translated}
			back, err := po.Parse("g.po", po.Encode(&exchange.File{Document: "d.md", Locale: "es-PE", Units: []*exchange.Unit{u}}))
			if err != nil {
				t.Fatalf("encoded entry does not parse: %v", err)
			}
			if len(back) != 2 || back[1].Context != e.Context || back[1].ID != e.ID || back[1].Str != e.Str {
				t.Fatalf("entry %q %q %q does not survive encoding", e.Context, e.ID, e.Str)
			}
		}
	})
}

// FuzzString: any text survives PO quoting and wrapping.
func FuzzString(f *testing.F) {
	f.Add("a \"quoted\" line\nand a\ttab, a back\\slash and a long enough tail to be wrapped somewhere near column seventy-nine")
	f.Add("\x00\x7f\r\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		u := &exchange.Unit{ID: "id", Source: s, Target: s, State: catalog.Stale, Previous: s}
		entries, err := po.Parse("f.po", po.Encode(&exchange.File{Document: "d.md", Locale: "es-PE", Units: []*exchange.Unit{u}}))
		if err != nil {
			t.Fatal(err)
		}
		if e := entries[1]; e.ID != s || e.Str != s || e.PrevMsgid != s {
			t.Fatalf("%q came back as %q, %q, %q", s, e.ID, e.Str, e.PrevMsgid)
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	_, _, ex := exchangetest.Fixture(b)
	b.ReportAllocs()
	for b.Loop() {
		po.Encode(ex)
	}
}

func BenchmarkDecode(b *testing.B) {
	_, _, ex := exchangetest.Fixture(b)
	data := po.Encode(ex)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := po.Decode("a.po", data); err != nil {
			b.Fatal(err)
		}
	}
}
