package config

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// The [site] table of quipu.toml: where a build places each locale's
// Markdown inside a Hugo, Docusaurus or MkDocs site (see pipeline/site).

var siteKeys = []string{"generator", "dirs", "languages"}

// siteWants says what a key of [site] takes.
func siteWants(key string) (string, bool) {
	switch {
	case key == "site":
		return `a table, like [site] then generator = "hugo"`, true
	case key == "site.generator":
		return `a generator in quotes: "hugo", "docusaurus" or "mkdocs"`, true
	case key == "site.dirs" || strings.HasPrefix(key, "site.dirs."):
		return `a table of folders, like [site.dirs] then "es-PE" = "content/es-pe"`, true
	case key == "site.languages" || strings.HasPrefix(key, "site.languages."):
		return `a table of the generator's language names, like [site.languages] then "es-PE" = "es-pe"`, true
	}
	return "", false
}

// checkSite checks [site]: its values, and that every locale's folder
// leads inside the project and apart from the folders quipu keeps its
// own files in, since a build writes there.
func (c *Config) checkSite(ws *workspace.Workspace, fail func(key, format string, args ...any)) {
	for key, msg := range c.Site.Check(c.Locales) {
		fail(key, "%s", msg)
	}
	for l, dir := range c.Site.Dirs {
		key := "site.dirs." + l
		to, err := ws.Resolve(dir)
		if err != nil {
			fail(key, "site.dirs.%s = %q: %v", l, dir, err)
			continue
		}
		for _, other := range []struct{ key, dir string }{{"content", c.Content}, {"locales_dir", c.LocalesDir}, {"output", c.Output}, {CacheDir, CacheDir}, {"templates", c.Templates}} {
			if other.dir == "" {
				continue
			}
			o, err := ws.Resolve(other.dir)
			if err != nil {
				continue
			}
			if other.key == "content" && workspace.Within(o, to) && o != to {
				continue // inside content: its files are skipped as documents
			}
			if workspace.Overlap(o, to) {
				fail(key, "site.dirs.%s = %q overlaps %s = %q: a locale's pages need a folder of their own", l, dir, other.key, other.dir)
			}
		}
	}
}

// siteAreas are the locales' folders of [site], so that a link there
// cannot lead a build to write elsewhere.
func (c *Config) siteAreas() []workspace.Area {
	var out []workspace.Area
	for _, l := range c.Site.Locales() {
		if d := c.Site.Dirs[l]; d != "" {
			out = append(out, workspace.Area{Dir: d})
		}
	}
	return out
}
