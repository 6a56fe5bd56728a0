package markdown_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

const yamlDoc = `---
title: Lima's new metro line
description: "Line 2 carries its first \"passengers\""
summary: 'It''s open'
tags: [metro, lima]
date: 2025-03-14
draft: false
author: Rosa Quispe # not translated: not a configured key
nested:
  title: Not top level
---
# Lima's new metro line

Riders *cheered*.
`

const tomlDoc = `+++
title = "Lima's new metro line"
description = 'Line 2 carries its first passengers'
summary = """
Multi-line strings are left alone."""
weight = 3
[params]
summary = "Not top level"
+++

Riders *cheered*.
`

func texts(doc *pipeline.Document) []string {
	var out []string
	for _, s := range doc.Segments {
		out = append(out, fmt.Sprintf("%s %d:%d %s", s.Kind, s.Line, s.Col, s.Text))
	}
	return out
}

func TestFrontMatterSegments(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"yaml", yamlDoc, []string{
			"title 2:8 Lima's new metro line",
			`front matter 3:14 Line 2 carries its first "passengers"`,
			"front matter 4:10 It's open",
			"title 12:3 Lima's new metro line",
			"paragraph 14:1 Riders <1>cheered</1>.",
		}},
		{"toml", tomlDoc, []string{
			"title 2:9 Lima's new metro line",
			"front matter 3:15 Line 2 carries its first passengers",
			"paragraph 11:1 Riders <1>cheered</1>.",
		}},
		{"crlf", "---\r\ntitle: Hi there\r\n---\r\nText.\r\n", []string{"title 2:8 Hi there", "paragraph 4:1 Text."}},
		{"empty", "---\n---\nText.\n", []string{"paragraph 3:1 Text."}},
		{"no closing line", "---\ntitle: x\n\nText.\n", []string{"paragraph 2:1 title: x", "paragraph 4:1 Text."}},
		{"not a mapping", "---\nFoo\n---\nBar\n---\nBaz\n", []string{"heading 2:1 Foo", "heading 4:1 Bar", "paragraph 6:1 Baz"}},
		{"not at the start", "\n---\ntitle: x\n---\n", []string{"heading 3:1 title: x"}},
		{"tag-like text", "---\ntitle: Tags <1> here\n---\n", []string{"title 2:8 Tags <1/>1> here"}},
		{"non-ASCII before", "---\nclé: 1\ntitle: x y\n---\n", []string{"title 3:8 x y"}},
		{"tagged or anchored", "---\ntitle: !!str tagged\ndescription: &a anchored\n---\n", nil},
		{"flow mapping", "---\n{title: x}\n---\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := markdown.Extract("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, texts(doc)); d != "" {
				t.Errorf("segments differ (-want +got):\n%s", d)
			}
			out, rej := markdown.Assemble(doc, identity, true)
			if len(rej) > 0 || string(out) != tt.src {
				t.Errorf("identity build differs (%v): %q", rej, out)
			}
		})
	}
}

func TestFrontMatterErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"---\ntitle: a: b\n---\n", "a.md:2:8: front matter: "},
		{"---\ntitle: x\ntitle: y\n---\n", "a.md:3:1: front matter: "},
		{"+++\ntitle = \n+++\n", "a.md:2:"},
		{"\n\n", ""},
	} {
		_, err := markdown.Extract("a.md", []byte(tt.src))
		if tt.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.src, err)
			}
			continue
		}
		var pe *pipeline.Error
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want an error starting %q", tt.src, err, tt.want)
		}
	}
}

// hostile are translations that would break naive quoting.
var hostile = []string{
	`Plain words`,
	`Título: con dos puntos`,
	`Ends with a colon:`,
	`"Quoted" and 'quoted'`,
	`It's`,
	"Two\nlines",
	"Tab\there",
	`# not a comment`,
	`Hash # inside`,
	`- dash`,
	`yes`,
	`123`,
	`back\slash \n`,
	`{flow: map}`,
	`[a, b]`,
	`&anchor *alias !tag`,
	`¿Qué pasa?`,
	`  spaces around  `,
	"line\nbreak and\ttab",
	"line\u2028separator",
	`"""`,
	`'''`,
	`+++`,
	`---`,
}

func TestFrontMatterQuoting(t *testing.T) {
	for _, src := range []string{yamlDoc, tomlDoc, "---\ntitle: 'single'\n---\n", "---\ntitle: \"double\"\n---\n", "+++\ntitle = 'lit'\n+++\n"} {
		doc, err := markdown.Extract("a.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := frontMatterMap(t, []byte(src))
		for _, h := range hostile {
			out, _, rej, _ := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) {
				if s.Start() < 4 || s.Start() > bytes.Index([]byte(src)[3:], []byte(src[:3]))+3 {
					return "", false // body segments: other tests
				}
				return h, true
			})
			if len(rej) > 0 {
				t.Fatalf("rejected %v", rej)
			}
			got := frontMatterMap(t, out)
			for k, v := range want {
				if k == "title" || k == "description" || k == "summary" {
					if _, ok := v.(string); ok && !strings.Contains(src, k+` = """`) {
						v = h
					}
				}
				if !cmp.Equal(v, got[k]) {
					t.Errorf("translation %q: key %s = %#v, want %#v\n%s", h, k, got[k], v, out)
				}
			}
			if len(got) != len(want) {
				t.Errorf("translation %q: keys %v, want %v", h, got, want)
			}
			if d := markdown.CompareShape([]byte(src), out); d != "" {
				t.Errorf("translation %q changed the body: %s", h, d)
			}
		}
	}
}

// frontMatterMap decodes a document's front matter.
func frontMatterMap(t testing.TB, src []byte) map[string]any {
	t.Helper()
	delim := string(src[:3])
	end := bytes.Index(src[4:], []byte("\n"+delim)) + 4
	block := src[bytes.IndexByte(src, '\n')+1 : end+1]
	m := map[string]any{}
	var err error
	if delim == "+++" {
		err = toml.Unmarshal(block, &m)
	} else {
		err = yaml.Unmarshal(block, &m)
	}
	if err != nil {
		t.Fatalf("front matter does not parse: %v\n%s", err, block)
	}
	return m
}

func TestSetLang(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yaml add", "---\ntitle: x\n---\nBody\n", "---\ntitle: x\nlang: es-PE\n---\nBody\n"},
		{"yaml indented", "---\n  title: x\n---\n", "---\n  title: x\n  lang: es-PE\n---\n"},
		{"yaml empty", "---\n---\n", "---\nlang: es-PE\n---\n"},
		{"yaml replace", "---\nlang: en # the source\ntitle: x\n---\n", "---\nlang: es-PE # the source\ntitle: x\n---\n"},
		{"yaml replace quoted", "---\nlang: \"en\"\n---\n", "---\nlang: \"es-PE\"\n---\n"},
		{"yaml same", "---\nlang: es-PE\n---\n", "---\nlang: es-PE\n---\n"},
		{"yaml crlf", "---\r\ntitle: x\r\n---\r\n", "---\r\ntitle: x\r\nlang: es-PE\r\n---\r\n"},
		{"yaml flow", "---\n{title: x}\n---\n", "---\n{title: x}\n---\n"},
		{"yaml list lang", "---\nlang: [en]\n---\n", "---\nlang: [en]\n---\n"},
		{"toml add", "+++\ntitle = 'x'\n[params]\na = 1\n+++\n", "+++\nlang = \"es-PE\"\ntitle = 'x'\n[params]\na = 1\n+++\n"},
		{"toml replace", "+++\nlang = 'en'\n+++\n", "+++\nlang = 'es-PE'\n+++\n"},
		{"no front matter", "# Title\n", "# Title\n"},
		{"not a mapping", "---\nFoo\n---\n", "---\nFoo\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(markdown.SetLang([]byte(tt.src), "es-PE")); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func FuzzFrontMatterValue(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, uint8(0))
	}
	sources := []string{yamlDoc, tomlDoc, "---\ntitle: 'x y'\n---\n", "---\ntitle: \"x y\"\n---\n", "+++\ntitle = 'x y'\n+++\n"}
	f.Fuzz(func(t *testing.T, tr string, which uint8) {
		if !utf8.ValidString(tr) {
			t.Skip() // message files hold UTF-8 only
		}
		src := []byte(sources[int(which)%len(sources)])
		doc, err := markdown.Extract("a.md", src)
		if err != nil {
			t.Fatal(err)
		}
		title := doc.Segments[0]
		out, _, rej, _ := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return tr, s == title })
		if len(rej) > 0 {
			return // the translation has tags that do not match
		}
		got := frontMatterMap(t, out)["title"]
		if s, ok := got.(string); !ok || s != tr {
			t.Fatalf("title %q came back as %#v\n%s", tr, got, out)
		}
	})
}

// FuzzFrontMatter: whatever the front matter holds, extraction does not
// panic, the identity build is exact, and a pseudo-translation leaves a
// front matter that parses to the same keys.
func FuzzFrontMatter(f *testing.F) {
	f.Add("title: x y\nsummary: 'it''s'\n", false)
	f.Add("title: \"a \\\" b\"  # c\ndescription: plain text # comment\n", false)
	f.Add("title = 'x y'\ndescription = \"a \\\" b\" # c\n[t]\nsummary = \"z\"\n", true)
	f.Add("  title: x\n  summary: \"multi\n  line\"\n", false)
	f.Fuzz(func(t *testing.T, block string, isTOML bool) {
		delim := "---"
		if isTOML {
			delim = "+++"
		}
		if strings.Contains("\n"+block, "\n"+delim) {
			return // a delimiter line inside: a shorter block, tried on its own
		}
		src := []byte(delim + "\n" + block + "\n" + delim + "\nBody text.\n")
		doc, err := markdown.Extract("f.md", src)
		if err != nil {
			return // reported with its position; nothing to build
		}
		out, rej := markdown.Assemble(doc, identity, true)
		if len(rej) > 0 || !bytes.Equal(out, src) {
			t.Fatalf("identity build differs: %q", out)
		}
		var before, after map[string]any
		decode := func(b []byte, m *map[string]any) error {
			body := b[4 : bytes.Index(b[3:], []byte("\n"+delim))+4]
			if isTOML {
				return toml.Unmarshal(body, m)
			}
			return yaml.Unmarshal(body, m)
		}
		first := markdown.Parse(src).FirstChild()
		isFrontMatter := first != nil && first.Lines().Len() > 0 && first.Lines().At(0).Start == bytes.Index(src, []byte("\nBody text."))+1
		if !isFrontMatter || decode(src, &before) != nil || !utf8.Valid(src) {
			return // Markdown after all: other tests
		}
		out, _, rej, _ = markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) { return "⟦" + s.Text + ": \"#\n⟧", true })
		if len(rej) > 0 {
			t.Fatalf("rejected: %v", rej)
		}
		if err := decode(out, &after); err != nil {
			t.Fatalf("front matter no longer parses: %v\n%s", err, out)
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				t.Fatalf("key %s lost:\n%s", k, out)
			}
		}
		if len(after) != len(before) {
			t.Fatalf("keys %v became %v", before, after)
		}
	})
}

func BenchmarkExtractFrontMatter(b *testing.B) {
	src := []byte(yamlDoc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := markdown.Extract("a.md", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFrontMatterMarkupForOtherReaders: a translated front matter value is
// written with \u escapes for what CommonMark would read as markup in it
// (to CommonMark, front matter is a paragraph or a heading). Markup the
// English value had there is then lost for those readers only: quipu's
// page is unchanged, so nothing is reported and the body is not escaped.
func TestFrontMatterMarkupForOtherReaders(t *testing.T) {
	src := []byte("+++\ntitle = \"Use *this* well\"\n+++\n\nRiders _cheered_.\n")
	doc, err := markdown.Extract("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	out, _, rej, changed := markdown.Localize(doc, func(s *pipeline.Segment) (string, bool) {
		if s.Text == "Use *this* well" {
			return "Usen *esto* <b>bien</b>", true
		}
		return "Los pasajeros <1>celebraron</1>.", true
	})
	want := "+++\ntitle = \"Usen \\u002Aesto\\u002A \\u003Cb\\u003Ebien\\u003C/b\\u003E\"\n+++\n\nLos pasajeros _celebraron_.\n"
	if string(out) != want || len(rej) > 0 || changed {
		t.Errorf("got %q, rejected %v, changed %v\nwant %q", out, rej, changed, want)
	}
}
