package xliff_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/quipu-l10n/quipu/internal/exchangetest"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/xliff"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
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
}

func TestEncodeGolden(t *testing.T) {
	_, _, ex := exchangetest.Fixture(t)
	data, err := xliff.Encode(ex)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "a.xlf", data)
	// Well-formed, and in the XLIFF 2.0 namespace.
	var root struct {
		XMLName xml.Name
		Version string `xml:"version,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if root.XMLName.Space != xliff.Namespace || root.Version != "2.0" {
		t.Errorf("root %v version %q", root.XMLName, root.Version)
	}
}

func TestRoundTrip(t *testing.T) {
	doc, f, ex := exchangetest.Fixture(t)
	data, err := xliff.Encode(ex)
	if err != nil {
		t.Fatal(err)
	}
	rets, err := xliff.Decode("a.xlf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rets) != 1 {
		t.Fatalf("%d files, want 1", len(rets))
	}
	r := rets[0]
	if r.Document != "content/a.md" || r.Locale != "es-PE" || r.SourceLocale != "en" {
		t.Errorf("file %s %s→%s", r.Document, r.SourceLocale, r.Locale)
	}
	if len(r.Translations) != len(ex.Units) {
		t.Fatalf("%d units, want %d", len(r.Translations), len(ex.Units))
	}
	for i, u := range ex.Units {
		tr := r.Translations[i]
		if tr.ID != u.ID || tr.Text != u.Target || tr.State != u.State || tr.Base != u.Base {
			t.Errorf("unit %d: got %q %q (%q) %s\nwant %q %q (%q) %s", i, tr.ID, tr.Text, tr.State, tr.Base, u.ID, u.Target, u.State, u.Base)
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

// TestToolEdits reads what tools do to a file: split segments, sc/ec pairs,
// annotations, code points, a changed originalData, final state.
func TestToolEdits(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:quipu="urn:quipu-l10n:xliff" version="2.0" srcLang="en" trgLang="es-PE">
 <file id="f1" original="content/a.md">
  <group id="g">
   <unit id="u1" quipu:base="abc">
    <originalData><data id="d1">&lt;script&gt;alert(1)&lt;/script&gt;</data></originalData>
    <segment state="final"><source>A <pc id="1" dataRefStart="d1">b</pc>.</source><target>Un <pc id="1" dataRefStart="d1">b</pc>.</target></segment>
    <ignorable><source> </source></ignorable>
    <segment state="translated"><source>C <ph id="2"/></source><target><mrk id="m1" type="term">C</mrk><cp hex="00A0"/> <ph id="2"/></target></segment>
   </unit>
   <unit id="u2">
    <segment><source><sc id="1"/>x</source><target><sc id="1"/>y</target></segment>
    <segment state="initial" subState="quipu:fuzzy"><source>z<ec startRef="1"/></source><target>w<ec startRef="1"/></target></segment>
   </unit>
  </group>
 </file>
</xliff>
`
	rets, err := xliff.Decode("t.xlf", []byte("\uFEFF"+doc)) // some editors add a byte order mark
	if err != nil {
		t.Fatal(err)
	}
	got := rets[0].Translations
	want := []struct {
		id, text string
		state    catalog.State
	}{
		{"u1", "Un <1>b</1>. C\u00a0 <2/>", catalog.Translated},
		{"u2", "<1>yw</1>", catalog.Untranslated},
	}
	if len(got) != len(want) {
		t.Fatalf("%d units, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Text != w.text || got[i].State != w.state {
			t.Errorf("unit %d: %q %q %q, want %q %q %q", i, got[i].ID, got[i].Text, got[i].State, w.id, w.text, w.state)
		}
	}
}

// TestDecodeErrors checks that every bad unit is reported, at its line and
// column, in one run.
func TestDecodeErrors(t *testing.T) {
	head := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es-PE">` + "\n" +
		`<file id="f" original="content/a.md">` + "\n"
	tail := "</file>\n</xliff>\n"
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{
			name: "several bad units",
			doc: head +
				`<unit id="u1"><segment state="translated"><source>a <ph id="1"/></source><target>a <ph id="7"/></target></segment></unit>` + "\n" +
				`<unit id="u2"><segment state="done"><source>b</source><target>b</target></segment></unit>` + "\n" +
				`<unit id="u3"><segment><source>c</source><target>&lt;1&gt;c</target></segment></unit>` + "\n" +
				`<unit><segment><source>d</source></segment></unit>` + "\n" +
				`<unit id="u5"><segment><source>e <pc id="1">f</pc></source><target>e <pc id="x">f</pc><b>g</b></target></segment></unit>` + "\n" +
				`<unit id="u6"><segment><source>g</source><target>g</target></segment><segment><source>h</source></segment></unit>` + "\n" +
				tail,
			want: []string{
				`t.xlf:4:84: unit "u1": target code id "7" is not in the source`,
				`t.xlf:5:15: unit "u2": state "done" is not an XLIFF 2.0 state`,
				`t.xlf:6:50: unit "u3": the text "<1>" would read as a tag`,
				`t.xlf:7:1: <unit> has no id`,
				`t.xlf:8:70: unit "u5": <pc id="x"> is not an inline code of the source`,
				`t.xlf:8:87: unit "u5": unexpected <b>`,
				`t.xlf:9:1: unit "u6": 1 of its 2 segments have no target`,
			},
		},
		{
			name: "control character",
			doc:  head + `<unit id="u1"><segment><source>a</source><target>b<cp hex="0007"/>c</target></segment></unit>` + "\n" + tail,
			want: []string{`t.xlf:4:51: unit "u1": <cp hex="0007"> is a control character`},
		},
		{
			name: "malformed XML",
			doc:  head + `<unit id="u1"><segment><source>a</source><target>b</segment></unit>` + "\n" + tail,
			want: []string{`t.xlf:4:61: malformed XML: element <target> closed by </segment>`},
		},
		{
			name: "unclosed document",
			doc:  head + `<unit id="u1">`,
			want: []string{`t.xlf:4:15: malformed XML: unexpected EOF`},
		},
		{
			name: "XLIFF 1.2",
			doc:  `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file/></xliff>`,
			want: []string{`t.xlf:1:1: XLIFF namespace "urn:oasis:names:tc:xliff:document:1.2" is not supported`},
		},
		{
			name: "not XLIFF",
			doc:  `<html/>`,
			want: []string{`t.xlf:1:1: root element <html> is not <xliff>`},
		},
		{
			name: "no original, no trgLang",
			doc:  `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"></file></xliff>`,
			want: []string{`t.xlf:1:1: <xliff> has no trgLang`, `t.xlf:1:68: <file> has no original attribute`},
		},
		{
			name: "another encoding",
			doc:  `<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>`,
			want: []string{`encoding "ISO-8859-1" is not supported`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xliff.Decode("t.xlf", []byte(tt.doc))
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

// TestEncodeWritesBrokenTagsAsText: a tag the build rejects cannot be an
// inline code; it is written as the text the translator typed, the file
// stays well formed, and it reads back as it was, as PO carries it.
func TestEncodeWritesBrokenTagsAsText(t *testing.T) {
	for _, target := range []string{
		"Un <1>título",               // unbalanced
		"Un <3>título</3>",           // not in the source
		"</1>Un título<1>",           // closed before opened
		"Un <1>tí</1>tu<1>lo</1>",    // used twice
		"Un <1/>título",              // of the wrong kind
		"Un <1>título <9/> de</1> x", // one good pair around a bad tag
	} {
		t.Run(target, func(t *testing.T) {
			_, _, ex := exchangetest.Fixture(t)
			ex.Units[0].Target, ex.Units[0].Rejected = target, true
			data, err := xliff.Encode(ex)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), `<segment state="initial" subState="quipu:rejected">`) {
				t.Errorf("rejected unit not marked as work to do:\n%s", data)
			}
			back, err := xliff.Decode("t.xlf", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if got := back[0].Translations[0].Text; got != target {
				t.Errorf("read back %q, want %q", got, target)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	_, _, ex := exchangetest.Fixture(f)
	data, err := xliff.Encode(ex)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" trgLang="x"><file original="a"><unit id="u"><segment><source><pc id="1">a</pc></source><target><sc id="1"/><ec startRef="1"/></target></segment></unit></file></xliff>`))
	f.Add([]byte(`<xliff`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rets, err := xliff.Decode("f.xlf", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.xlf:") {
					t.Fatalf("error without position: %q", line)
				}
			}
		}
		for _, r := range rets {
			for _, tr := range r.Translations {
				if tr.Pos.Line < 1 || tr.Pos.Line > lines {
					t.Fatalf("unit %q at line %d of %d", tr.ID, tr.Pos.Line, lines)
				}
				for off := range len(tr.Text) {
					if p := tr.PosAt(off); p.Line < 1 || p.Line > lines {
						t.Fatalf("offset %d of %q at line %d of %d", off, tr.Text, p.Line, lines)
					}
				}
			}
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	_, _, ex := exchangetest.Fixture(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xliff.Encode(ex); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	_, _, ex := exchangetest.Fixture(b)
	data, err := xliff.Encode(ex)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := xliff.Decode("a.xlf", data); err != nil {
			b.Fatal(err)
		}
	}
}
