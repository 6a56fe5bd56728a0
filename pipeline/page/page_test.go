package page_test

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/page"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Contexto histórico":            "contexto-historico",
		"¿Por qué es importante esto?":  "por-que-es-importante-esto",
		"Año nuevo en Perú":             "ano-nuevo-en-peru",
		"Bases de EE. UU.: la historia": "bases-de-ee-uu-la-historia",
		"日本語":                           "",
	} {
		if got := page.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOGLocale(t *testing.T) {
	for in, want := range map[string]string{"es-PE": "es_PE", "en": "en_US", "es": "es_ES"} {
		if got := page.OGLocale(in); got != want {
			t.Errorf("OGLocale(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChrome(t *testing.T) {
	day := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		locale, updated, reading string
	}{
		{"es-PE", "Actualizado el 26 de noviembre de 2026", "1,594 palabras · 8 minutos de lectura"},
		{"es", "Actualizado el 26 de noviembre de 2026", "1.594 palabras · 8 minutos de lectura"},
		{"en", "Updated November 26, 2026", "1,594 words · 8 minute read"},
	}
	for _, tt := range tests {
		c, err := page.NewChrome(tt.locale, day, 1594)
		if err != nil {
			t.Fatal(err)
		}
		if c.Updated != tt.updated || c.ReadingTime != tt.reading {
			t.Errorf("%s: %q, %q; want %q, %q", tt.locale, c.Updated, c.ReadingTime, tt.updated, tt.reading)
		}
	}
	if c, _ := page.NewChrome("es-PE", day, 150); c.ReadingTime != "150 palabras · 1 minuto de lectura" {
		t.Errorf("singular: %q", c.ReadingTime)
	}
}

// TestHeadingIDsUnique: a heading whose text slugs to an id the page
// already has (the template's "content" and "toc-title", an id the
// document's own HTML sets, an earlier heading's) gets the next free one,
// numbered as GitHub numbers them.
func TestHeadingIDsUnique(t *testing.T) {
	src := []byte("# Content\n\n## TOC title\n\n<div id=\"map\"></div>\n\n## Map\n\n## Notes\n\n## Notes\n\n## Notes 1\n")
	root := markdown.Parse(src)
	var got []string
	for _, h := range page.AnchorHeadings(root, src, nil) {
		got = append(got, h.ID)
	}
	want := []string{"content-1", "toc-title-1", "map-1", "notes", "notes-1", "notes-1-1"}
	if !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if ids := page.HeadingIDs(markdown.Parse(src), src); !slices.Equal(ids, want) {
		t.Errorf("HeadingIDs %q, want %q", ids, want)
	}
}

// TestHeadingIDsReserved: the ids of a project's own template are
// reserved as the built-in template's are.
func TestHeadingIDsReserved(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte(`<nav id="menu"></nav><main id='main'>{{.Body}}</main>`), 0o644); err != nil {
		t.Fatal(err)
	}
	tmpl, err := page.LoadTemplate(dir)
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("## Menu\n\n## Main\n\n## Content\n")
	ids := page.HeadingIDs(markdown.Parse(src), src, tmpl.IDs()...)
	if want := []string{"menu-1", "main-1", "content-1"}; !slices.Equal(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
}

// TestChromeWithoutDate: a page whose document has no date shows no date
// line, only its reading time.
func TestChromeWithoutDate(t *testing.T) {
	c, err := page.NewChrome("es-PE", time.Time{}, 1594)
	if err != nil {
		t.Fatal(err)
	}
	if c.Updated != "" || c.ReadingTime != "1,594 palabras · 8 minutos de lectura" {
		t.Errorf("%q, %q", c.Updated, c.ReadingTime)
	}
	var b strings.Builder
	if err := renderDefault(&b, page.Data{Lang: "es-PE", Chrome: c}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<p class="meta">1,594 palabras · 8 minutos de lectura</p>`) || strings.Contains(b.String(), "Actualizado") {
		t.Errorf("page without a date:\n%s", b.String())
	}
}

// TestLanguagesMatchThePage: the alternates and switcher HTML documents
// get are the page template's own markup.
func TestLanguagesMatchThePage(t *testing.T) {
	d := page.Data{Lang: "es-PE", XDefault: "../en/a.html", Alternates: []page.Alternate{
		{Lang: "en", Name: "English", Href: "../en/a.html"},
		{Lang: "es-PE", Name: "Español (Perú)", Href: "../es-PE/a.html", Current: true},
	}}
	d.Chrome.LanguageLabel = "Idioma"
	var b strings.Builder
	if err := renderDefault(&b, d); err != nil {
		t.Fatal(err)
	}
	full := b.String()
	for name, part := range map[string][]byte{"alternates": page.Alternates(d), "switcher": page.Switcher(d)} {
		if len(part) == 0 || !strings.Contains(full, strings.TrimSpace(string(part))) {
			t.Errorf("%s is not the page's markup:\n%s", name, part)
		}
	}
}

// renderDefault renders a page with the built-in template.
func renderDefault(w io.Writer, d page.Data) error {
	tmpl, err := page.LoadTemplate("")
	if err != nil {
		return err
	}
	return tmpl.Execute(w, d)
}
