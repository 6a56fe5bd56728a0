// Package site places a locale's localized Markdown where a static site
// generator (Hugo, Docusaurus, MkDocs) reads its translations, and marks
// those files as quipu's so nobody edits them, and no later run mistakes
// them for documents or overwrites a file a person wrote.
package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Generators are the site generators quipu writes for.
var Generators = []string{"hugo", "docusaurus", "mkdocs"}

// Config is quipu.toml's [site] table: where each target locale's
// Markdown goes inside the site.
type Config struct {
	// Generator is the site's generator: "hugo", "docusaurus" or
	// "mkdocs"; empty means no site (pages go to output/ only).
	Generator string `toml:"generator"`
	// Dirs gives, per quipu locale, the folder that holds that locale's
	// pages, mirroring the content folder: Hugo's per-language
	// contentDir, Docusaurus's i18n/<locale>/docusaurus-plugin-content-docs/current,
	// MkDocs's docs/<language> (folder structure).
	Dirs map[string]string `toml:"dirs"`
	// Languages maps a quipu locale (es-PE) to the generator's name for
	// it (Hugo's language key es-pe, MkDocs's es). A locale without a
	// folder in Dirs is written beside its source, the language before
	// the extension: page.es-pe.md, as Hugo's translation by file name
	// and MkDocs's suffix structure read it.
	Languages map[string]string `toml:"languages"`
}

// Enabled reports whether the project writes into a site.
func (c Config) Enabled() bool { return c.Generator != "" }

// Locales are the quipu locales the site has a place for, sorted.
func (c Config) Locales() []string {
	seen := map[string]bool{}
	for l := range c.Dirs {
		seen[l] = true
	}
	for l := range c.Languages {
		seen[l] = true
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Place is the project-relative path of the page of the document rel
// (relative to content) in locale, and false when the site has no place
// for the locale.
func (c Config) Place(content, rel, locale string) (string, bool) {
	if dir, ok := c.Dirs[locale]; ok && dir != "" {
		return path.Join(dir, rel), true
	}
	lang, ok := c.Languages[locale]
	if !ok || lang == "" {
		return "", false
	}
	ext := path.Ext(rel)
	return path.Join(content, strings.TrimSuffix(rel, ext)+"."+lang+ext), true
}

// Generated reports whether rel, a file under the content folder, is one
// a build writes there (page.es-pe.md for a locale written by suffix, or
// anything under a locale's folder inside content): such a file is a
// translation, never a document of its own.
func (c Config) Generated(content, rel string) bool {
	for locale, lang := range c.Languages {
		if c.Dirs[locale] != "" || lang == "" {
			continue
		}
		base := path.Base(rel)
		ext := path.Ext(base)
		if strings.HasSuffix(strings.TrimSuffix(base, ext), "."+lang) {
			return true
		}
	}
	full := path.Join(content, rel)
	for _, dir := range c.Dirs {
		if dir != "" && strings.HasPrefix(full, path.Clean(dir)+"/") {
			return true
		}
	}
	return false
}

// Check reports what is wrong with the table, one message per problem,
// keyed as valuePositions names quipu.toml's values ("site.generator",
// "site.languages.es-PE").
func (c Config) Check(locales []string) map[string]string {
	bad := map[string]string{}
	if c.Generator == "" {
		if len(c.Dirs)+len(c.Languages) > 0 {
			bad["site.generator"] = fmt.Sprintf("[site] needs a generator (one of %s)", strings.Join(Generators, ", "))
		}
		return bad
	}
	known := false
	for _, g := range Generators {
		known = known || g == c.Generator
	}
	if !known {
		bad["site.generator"] = fmt.Sprintf("generator = %q: want one of %s", c.Generator, strings.Join(Generators, ", "))
	}
	target := map[string]bool{}
	for _, l := range locales {
		target[l] = true
	}
	for _, l := range c.Locales() {
		if !target[l] && l != "qps" {
			key := "site.languages." + l
			if _, ok := c.Dirs[l]; ok {
				key = "site.dirs." + l
			}
			bad[key] = fmt.Sprintf("locale %q is not one of locales: [site] places the pages of target locales", l)
		}
	}
	for l, lang := range c.Languages {
		if strings.ContainsAny(lang, "/\\. ") || lang == "" {
			bad["site.languages."+l] = fmt.Sprintf("%q is no language name a generator puts in a file name (like es-pe)", lang)
		}
	}
	return bad
}

// Placeable reports whether p, a project-relative path, is somewhere a
// build could place a page: under a locale's folder, or in the content
// folder with a locale's language before its extension. A list of placed
// pages quipu reads back (anyone could have written it) names nothing
// else for removal.
func (c Config) Placeable(content, p string) bool {
	for _, dir := range c.Dirs {
		if dir != "" && strings.HasPrefix(p, path.Clean(dir)+"/") {
			return true
		}
	}
	prefix := path.Clean(content) + "/"
	return strings.HasPrefix(p, prefix) && c.Generated(content, strings.TrimPrefix(p, prefix))
}

// Reads reports whether the generators read a document of this name as a
// Markdown page: a plain-text or HTML document's Markdown has no place in
// the site, which does not publish its source.
func Reads(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".md", ".markdown", ".mdx":
		return true
	}
	return false
}
