package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// siteCase is a site fixture: its generator, its documents (relative to
// content) with where their es-PE page goes, and lines of its syntax
// that a translation must keep as they are.
type siteCase struct {
	name, content string
	places        map[string]string
	syntax        []string
}

var siteCases = []siteCase{
	{
		name:    "docusaurus",
		content: "docs",
		places: map[string]string{
			"intro.md":         "i18n/es/docusaurus-plugin-content-docs/current/intro.md",
			"guides/export.md": "i18n/es/docusaurus-plugin-content-docs/current/guides/export.md",
		},
		syntax: []string{"id: intro", "slug: /", "sidebar_position: 1", ":::", "## ", " {#first-list}", " {#spreadsheet}", ":::tip ", ":::warning", ":::note[", "](../intro.md)"},
	},
	{
		name:    "mkdocs",
		content: "docs",
		places: map[string]string{
			"index.md":       "docs/index.es.md",
			"setup/index.md": "docs/setup/index.es.md",
		},
		syntax: []string{`!!! note "`, "!!! warning", `??? tip "`, " {#reading}", "{.lead}", "](../index.md){.button}"},
	},
	{
		name:    "hugo",
		content: "content",
		places: map[string]string{
			"posts/lima-walk.md":        "content/posts/lima-walk.es-pe.md",
			"posts/inca-trail/index.md": "content/posts/inca-trail/index.es-pe.md",
		},
		syntax: []string{"slug: lima-walk", "date: 2024-05-01", "  - /old/lima/", " {#plaza-mayor}", "> [!TIP]", "> [!WARNING]", `{{< ref "posts/inca-trail" >}}`, `{{< figure src="terraces.png" alt="`, `{{< note title="`, "{{< /note >}}", `{{< relref "posts/lima-walk.md" >}}`},
	},
}

// TestSiteFixturesRoundTrip localizes each site fixture in place: the
// source locale's Markdown is its document byte for byte, and each es-PE
// page lands where the generator reads it, marked as quipu's.
func TestSiteFixturesRoundTrip(t *testing.T) {
	for _, c := range siteCases {
		t.Run(c.name, func(t *testing.T) {
			dir := siteFixture(t, c.name)
			quipuIn(t, dir, "init", "--"+c.name)
			quipuIn(t, dir, "sync")
			quipuIn(t, dir, "build")
			for rel, place := range c.places {
				src := readFile(t, filepath.Join(dir, c.content, rel))
				if got := readFile(t, filepath.Join(dir, "output", "en", rel)); got != src {
					t.Errorf("%s: the source locale's Markdown is not the document:\n%s", rel, got)
				}
				placed := readFile(t, filepath.Join(dir, place))
				if !strings.Contains(placed, "\nquipu_generated: true\n") {
					t.Errorf("%s is not marked as generated:\n%s", place, placed)
				}
			}
			// The pages placed in the site are not documents.
			if out := quipuIn(t, dir, "sync"); !strings.Contains(out, "0 new") {
				t.Errorf("sync after build found new messages:\n%s", out)
			}
		})
	}
}

// TestSiteFixturesPseudoKeepSyntax builds each fixture in the
// pseudo-locale: every line of the generator's syntax comes through as it
// is, only the prose is pseudo-translated.
func TestSiteFixturesPseudoKeepSyntax(t *testing.T) {
	for _, c := range siteCases {
		t.Run(c.name, func(t *testing.T) {
			dir := siteFixture(t, c.name)
			quipuIn(t, dir, "init", "--"+c.name)
			quipuIn(t, dir, "sync")
			quipuIn(t, dir, "build", "--locale", "qps")
			var all bytes.Buffer
			for rel := range c.places {
				all.WriteString(readFile(t, filepath.Join(dir, "output", "qps", rel)))
			}
			for _, s := range c.syntax {
				if !strings.Contains(all.String(), s) {
					t.Errorf("the pseudo-locale lost %q:\n%s", s, all.String())
				}
			}
		})
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
