package page

import (
	"html/template"
	"strings"
	"testing"
	"time"
)

func TestTypesetKeepsEEUUOnOneLine(t *testing.T) {
	d := Data{
		Lang:        "es-PE",
		Title:       "Bases militares de EE. UU. en el Perú",
		Description: "La presencia de EE. UU.",
		Body:        "<p>Las fuerzas de EE. UU. y del Perú.</p>",
		TOC:         []Heading{{ID: "a", Text: "EE. UU. hoy", Level: 2}},
	}
	got := typeset(d)
	for _, s := range []string{got.Title, got.Description, string(got.Body), got.TOC[0].Text} {
		if strings.Contains(s, "EE. UU.") || !strings.Contains(s, "EE.\u00a0UU.") {
			t.Errorf("%q: want a no-break space inside EE. UU.", s)
		}
	}
	if d.TOC[0].Text != "EE. UU. hoy" {
		t.Error("typeset changed the caller's table of contents")
	}
	if en := typeset(Data{Lang: "en", Title: "EE. UU."}); en.Title != "EE. UU." {
		t.Errorf("an English page was typeset as Spanish: %q", en.Title)
	}
}

func TestChromeMonthsFollowCLDR(t *testing.T) {
	sept := time.Date(2026, time.September, 3, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ locale, want string }{
		{"es-PE", "Actualizado el 3 de setiembre de 2026"}, // CLDR es_PE
		{"es", "Actualizado el 3 de septiembre de 2026"},
		{"es-419", "Actualizado el 3 de septiembre de 2026"},
		{"en", "Updated September 3, 2026"},
	} {
		c, err := NewChrome(tt.locale, sept, 100)
		if err != nil {
			t.Fatal(err)
		}
		if c.Updated != tt.want {
			t.Errorf("%s: %q, want %q", tt.locale, c.Updated, tt.want)
		}
	}
	// The other months come from es, which es-PE falls back to.
	c, err := NewChrome("es-PE", time.Date(2026, time.November, 26, 0, 0, 0, 0, time.UTC), 100)
	if err != nil {
		t.Fatal(err)
	}
	if c.Updated != "Actualizado el 26 de noviembre de 2026" || c.Contents != "Contenido" {
		t.Errorf("es-PE lost the es strings: %+v", c)
	}
}

func TestItalicizeForeignExpressions(t *testing.T) {
	foreign := []string{"Cooperative Security Locations", "A & B"}
	tests := []struct{ in, want string }{
		{`<p>(CSL, por sus siglas en inglés: Cooperative Security Locations).</p>`,
			`<p>(CSL, por sus siglas en inglés: <i lang="en">Cooperative Security Locations</i>).</p>`},
		// Only text: attributes, code and what is in italics already stay.
		{`<p><img alt="Cooperative Security Locations" src="a.png"> <code>Cooperative Security Locations</code> <em>Cooperative Security Locations</em></p>`,
			`<p><img alt="Cooperative Security Locations" src="a.png"> <code>Cooperative Security Locations</code> <em>Cooperative Security Locations</em></p>`},
		{`<p>A &amp; B</p>`, `<p><i lang="en">A &amp; B</i></p>`},
		{`<p>nothing foreign</p>`, `<p>nothing foreign</p>`},
	}
	for _, tt := range tests {
		if got := string(italicize(template.HTML(tt.in), foreign, "en")); got != tt.want {
			t.Errorf("italicize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
