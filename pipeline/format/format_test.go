package format_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

func registry() *format.Registry {
	var r format.Registry
	r.Register(markdown.Format{})
	r.Register(htmldoc.Format{})
	r.Register(textdoc.Format{})
	return &r
}

// TestRegistryFor protects the choice of a format by file name: a file no
// format claims is no document, never read as Markdown.
func TestRegistryFor(t *testing.T) {
	r := registry()
	for _, tt := range []struct {
		name string
		want pipeline.Format // "" for no format
	}{
		{"a.md", pipeline.FormatMarkdown},
		{"guide/A.MARKDOWN", pipeline.FormatMarkdown},
		{"a.html", pipeline.FormatHTML},
		{"a.HTM", pipeline.FormatHTML},
		{"notes.txt", pipeline.FormatText},
		{"pic.png", ""},
		{"app.js", ""},
		{"README", ""},
		{"a.md.bak", ""},
	} {
		var got pipeline.Format
		if f := r.For(tt.name); f != nil {
			got = f.Name()
		}
		if got != tt.want {
			t.Errorf("For(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRegisterClaimedTwice protects against two formats silently sharing an
// extension, the first one registered winning.
func TestRegisterClaimedTwice(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a second format claiming .md was registered")
		}
	}()
	r := registry()
	r.Register(markdown.Format{})
}

// TestOutputsPerFormat protects which files each format is built into: an
// HTML document is its own page and has no Markdown.
func TestOutputsPerFormat(t *testing.T) {
	want := map[pipeline.Format][]output.Output{
		pipeline.FormatMarkdown: {output.Markdown, output.Page},
		pipeline.FormatText:     {output.Markdown, output.Page},
		pipeline.FormatHTML:     {output.Page},
	}
	for _, f := range registry().Formats() {
		got := f.Outputs()
		if len(got) != len(want[f.Name()]) {
			t.Fatalf("%s: outputs %v, want %v", f.Name(), got, want[f.Name()])
		}
		for i := range got {
			if got[i] != want[f.Name()][i] {
				t.Errorf("%s: output %d is %s, want %s", f.Name(), i, got[i].Name(), want[f.Name()][i].Name())
			}
		}
	}
}

// TestLocalizeIdentity protects the byte-exact identity build through the
// Format interface: the source text everywhere, no locale, gives back the
// source.
func TestLocalizeIdentity(t *testing.T) {
	src := map[string]string{
		"a.md":   "---\ntitle: Hi\nlang: en\n---\n# Title\n\nSome *text*.\n",
		"a.html": "<html lang=\"en\"><title>T</title><p>Hello <b>world</b>.</p></html>\n",
		"a.txt":  "Title\n\nA paragraph of text.\n",
	}
	same := func(seg *pipeline.Segment) (string, bool) { return seg.Text, true }
	r := registry()
	for name, s := range src {
		f := r.For(name)
		doc, err := f.Extract(name, []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		l := f.Localize(doc, "", same)
		got := l.Markdown
		if f.Name() == pipeline.FormatHTML {
			got = l.HTML
		}
		if f.Name() != pipeline.FormatText && string(got) != s {
			t.Errorf("%s: identity gave\n%s\nwant\n%s", name, got, s)
		}
		if len(l.Rejected) > 0 {
			t.Errorf("%s: rejected %v", name, l.Rejected)
		}
	}
}

// rst is a format that imports its files as Markdown, as a new format
// would: import asks the format, never its name.
type rst struct{ textdoc.Format }

func (rst) Name() pipeline.Format { return "rst" }
func (rst) Extensions() []string  { return []string{".rst"} }

// TestImporterForAsksTheFormat protects the one rule of what `quipu
// import` takes: a file whose format is an Importer (plain text, or any
// format added as one), a file no format claims through the first
// Importer, never a document of a format that imports nothing.
func TestImporterForAsksTheFormat(t *testing.T) {
	r := registry()
	r.Register(rst{})
	for _, tt := range []struct {
		name         string
		imp, claimed pipeline.Format // "" for none
		kind         string
	}{
		{"notes.txt", pipeline.FormatText, pipeline.FormatText, "a plain-text"},
		{"notes", pipeline.FormatText, "", ""},
		{"guide.rst", "rst", "rst", "a plain-text"},
		{"a.md", "", pipeline.FormatMarkdown, "a Markdown"},
		{"a.HTM", "", pipeline.FormatHTML, "an HTML"},
	} {
		imp, claimed := r.ImporterFor(tt.name)
		var gotImp, gotClaimed pipeline.Format
		if imp != nil {
			gotImp = imp.(format.Format).Name()
		}
		if claimed != nil {
			gotClaimed = claimed.Name()
			if k := format.Kind(claimed); k != tt.kind {
				t.Errorf("Kind(%s) = %q, want %q", gotClaimed, k, tt.kind)
			}
		}
		if gotImp != tt.imp || gotClaimed != tt.claimed {
			t.Errorf("ImporterFor(%q) = %q, %q; want %q, %q", tt.name, gotImp, gotClaimed, tt.imp, tt.claimed)
		}
	}
}
