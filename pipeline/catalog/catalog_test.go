package catalog_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

const article = "# A title\n\nFirst *paragraph* with `code` and {{path}}.\n\nSecond paragraph.\n"

func extract(t *testing.T, src string) *pipeline.Document {
	t.Helper()
	doc, err := markdown.Extract("content/a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestFilesLoadInGoI18n(t *testing.T) {
	doc := extract(t, article)
	src := catalog.SourceFile(doc, "locales/en/a.en.toml", "en")
	tgt, _, _ := catalog.Sync(doc, nil, "locales/es-PE/a.es-PE.toml", "es-PE", catalog.Options{})
	tgt.Messages[0].Other = "Un título"
	for _, f := range []*catalog.File{src, tgt} {
		bundle := i18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		mf, err := bundle.ParseMessageFileBytes(catalog.Format(f), f.Path)
		if err != nil {
			t.Fatalf("%s: go-i18n cannot load it: %v\n%s", f.Path, err, catalog.Format(f))
		}
		if len(mf.Messages) != len(doc.Segments) {
			t.Errorf("%s: go-i18n sees %d messages, want one per segment (%d)", f.Path, len(mf.Messages), len(doc.Segments))
		}
	}
	// A message whose text holds "{{" gets template delimiters go-i18n
	// honours, so the braces come out as written.
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	if _, err := bundle.ParseMessageFileBytes(catalog.Format(src), "en.toml"); err != nil {
		t.Fatal(err)
	}
	loc := i18n.NewLocalizer(bundle, "en")
	id := doc.Segments[1].ID
	got, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id})
	if err != nil {
		t.Fatal(err)
	}
	if got != doc.Segments[1].Text {
		t.Errorf("go-i18n renders %q, want %q", got, doc.Segments[1].Text)
	}
}

func TestHashMatchesGoi18n(t *testing.T) {
	// goi18n merge hashes the source message's description then its text.
	// sha1("paragraph" + "Hello"), as goi18n's hash() computes it.
	if got, want := catalog.Hash("paragraph", "Hello"), "sha1-19dda830ee3b50d6737dfef46cfc2fdac68c2f52"; got != want {
		t.Fatalf("Hash = %q, want %q", got, want)
	}
	if catalog.Hash("paragraph", "Hello") == catalog.Hash("heading", "Hello") {
		t.Error("description must be part of the hash")
	}
}

func TestRoundTripKeepsTranslatorWork(t *testing.T) {
	in := `#. tool note that is regenerated
# a translator's comment
#, reviewed
[hello-1]
other = "Hola"
description = "paragraph"
hash = "sha1-x"

#| en: Old text
#, fuzzy
["id.with.dots"]
description = "heading"
other = "Línea 1\nLínea \"2\""
`
	f, err := catalog.Parse("es.toml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	m := f.Messages[0]
	if m.State != catalog.Reviewed || m.Other != "Hola" || len(m.Comments) != 1 || m.Comments[0] != " a translator's comment" {
		t.Errorf("first message read as %+v", m)
	}
	if diff := cmp.Diff([]string{"other", "description", "hash"}, m.Order); diff != "" {
		t.Errorf("field order not kept (-want +got):\n%s", diff)
	}
	if f.Messages[1].State != catalog.Stale || f.Messages[1].Previous != "Old text" || f.WrittenID(f.Messages[1]) != "id.with.dots" {
		t.Errorf("second message read as %+v", f.Messages[1])
	}
	out := catalog.Format(f)
	again, err := catalog.Parse("es.toml", out)
	if err != nil {
		t.Fatalf("rewritten file does not parse: %v\n%s", err, out)
	}
	if got := catalog.Format(again); string(got) != string(out) {
		t.Errorf("format is not idempotent:\n%s\n---\n%s", out, got)
	}
	if diff := cmp.Diff(f.Messages[1].Other, again.Messages[1].Other); diff != "" {
		t.Error(diff)
	}
}

func TestParseErrorsHavePositions(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"syntax", "[a]\nother = \"unterminated\n", "es.toml:2:"},
		{"duplicate key", "[a]\nother = \"x\"\nother = \"y\"\n", "es.toml:3:"},
		{"wrong type", "[a]\nother = 3\n", "es.toml:2:1: other of message \"a\" must be a string"},
		{"unknown key", "[a]\nother = \"x\"\nstate = \"reviewed\"\n", "es.toml:3:1: unknown key \"state\""},
		{"invalid utf-8", "[a]\nother = \"\xff\"\n", "es.toml:2:10: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalog.Parse("es.toml", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestSyncKeepsTranslations(t *testing.T) {
	doc := extract(t, article)
	f, _, _ := catalog.Sync(doc, nil, "es.toml", "es-PE", catalog.Options{})
	for _, m := range f.Messages {
		m.Other, m.State = "traducido: "+m.ID, catalog.Translated
	}
	f, _ = catalog.Parse("es.toml", catalog.Format(f))

	// Insert a paragraph at the top, edit the second one, delete the last.
	edited := extract(t, "# A title\n\nNew paragraph.\n\nFirst *paragraph* with `code` and {{path}} here.\n")
	g, obsolete, rep := catalog.Sync(edited, f, "es.toml", "es-PE", catalog.Options{})
	byText := map[string]*catalog.Message{}
	for _, m := range g.Messages {
		byText[m.Source] = m
	}
	if m := byText["A title"]; m.Other != "traducido: "+doc.Segments[0].ID || m.State != catalog.Translated {
		t.Errorf("unchanged title lost its translation: %+v", m)
	}
	if m := byText["New paragraph."]; m.Other != "" {
		t.Errorf("new paragraph should be untranslated: %+v", m)
	}
	m := byText[edited.Segments[2].Text]
	if m.State != catalog.Stale || m.Other != "traducido: "+doc.Segments[1].ID || m.Previous != doc.Segments[1].Text {
		t.Errorf("edited paragraph should keep its translation, fuzzy, with the old English: %+v", m)
	}
	if len(obsolete) != 1 || obsolete[0].Other != "traducido: "+doc.Segments[2].ID {
		t.Errorf("deleted paragraph's translation should be obsolete, got %+v", obsolete)
	}
	if rep.Added != 1 || rep.Kept != 1 || rep.Stale != 1 || rep.Obsolete != 1 {
		t.Errorf("report %+v", rep)
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"It is safe.", "It is not safe.", "It is {+not+} safe."},
		{"Second paragraph about <1>things</1>.", "Second paragraph about <1>many things</1>.", "Second paragraph about <1>{+many+} things</1>."},
		{"a b c", "a c", "a [-b-] c"},
		// Tags stay against the words they wrap, as in the text.
		{"Visit the <1>Surquillo Market</1>, before 8 a.m.", "Visit the <1>Surquillo Market</1>, after 8 a.m.", "Visit the <1>Surquillo Market</1>, [-before-] {+after+} 8 a.m."},
		{"at the <1>market</1>, early", "at the <1>market</1>; early", "at the <1>market</1>[-,-]{+;+} early"},
		{"a <1>b</1> c", "a <1>b c</1>", "a <1>b {+c+}</1> [-c-]"},
		{"", "New text.", "{+New text.+}"},
		{"Line one\nline two", "Line one\nline three", "Line one line [-two-] {+three+}"},
		{"same", "same", "same"},
	}
	for _, tt := range tests {
		if got := catalog.WordDiff(tt.old, tt.new); got != tt.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}
