// Package config reads and checks a project's quipu.toml: its locales,
// folders and options, every one with a default.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/site"
	"github.com/quipu-l10n/quipu/pipeline/tomlerr"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// File is the name of the project's configuration file.
const File = "quipu.toml"

// Config is the project's quipu.toml. Every field has a default, so a
// project without the file works.
type Config struct {
	// noFile is set when the project has no quipu.toml: its locales are
	// the defaults, and errors say so rather than cite the file.
	noFile bool

	// SourceLocale is the language documents are written in.
	SourceLocale string `toml:"source_locale"`
	// Locales are the target locales.
	Locales []string `toml:"locales"`
	// Fallback lists, per target locale, the locales whose translations
	// fill in for missing or stale ones, before the source. By default the
	// chain follows the locale's parents: es-PE, es-419, es.
	Fallback map[string][]string `toml:"fallback"`
	// Content, LocalesDir and Output are folders relative to the root.
	Content    string `toml:"content"`
	LocalesDir string `toml:"locales_dir"`
	Output     string `toml:"output"`
	// Glossary is the glossary file, relative to the root.
	Glossary string `toml:"glossary"`
	// Templates is a folder whose page.html replaces the built-in page
	// template (an html/template; see pipeline/page.Data).
	Templates string `toml:"templates"`
	// BaseURL makes canonical and alternate links absolute.
	BaseURL string `toml:"base_url"`
	// FrontMatterKeys are the Markdown front matter keys whose values are
	// translated; unset means markdown.DefaultFrontMatterKeys.
	FrontMatterKeys []string `toml:"front_matter_keys"`
	// Markdown turns off site syntax read as markup ([markdown]).
	Markdown MarkdownSyntax `toml:"markdown"`
	// UseFuzzy publishes fuzzy translations (made for an English that
	// has changed since), as msgfmt --use-fuzzy does. They still count as
	// untranslated.
	UseFuzzy bool `toml:"use_fuzzy"`
	// UseMachine publishes machine drafts (quipu mt) no person has
	// accepted yet. They still count as untranslated.
	UseMachine bool `toml:"use_machine"`
	// HTMLAlternates and HTMLSwitcher give the pages of HTML documents
	// what Markdown pages have: hreflang alternates at the end of <head>
	// and a language switcher at the top of <body>.
	HTMLAlternates bool `toml:"html_alternates"`
	HTMLSwitcher   bool `toml:"html_switcher"`
	// Site places each locale's Markdown where a site generator reads it
	// too (see pipeline/site); quipu init --hugo and the like write it.
	Site site.Config `toml:"site"`
}

// Default is what a project without quipu.toml gets.
func Default() Config {
	return Config{
		SourceLocale: "en",
		Locales:      []string{"es-PE"},
		Content:      "content",
		LocalesDir:   "locales",
		Output:       "output",
		Glossary:     "locales/glossary.toml",

		HTMLAlternates: true,
		HTMLSwitcher:   true,
		Markdown:       defaultMarkdownSyntax(),
	}
}

var configKeys = []string{"source_locale", "locales", "fallback", "content", "locales_dir", "output", "glossary", "front_matter_keys", "templates", "base_url", "use_fuzzy", "use_machine", "html_alternates", "html_switcher", "markdown", "site"}

// configSchema is what quipu.toml's keys take, for its errors.
var configSchema = tomlerr.Schema{Tables: map[string]tomlerr.Table{
	"":         {Keys: configKeys},
	"markdown": {Header: "[markdown]", Keys: markdownKeys},
	"site":     {Header: "[site]", Keys: siteKeys},
}, Want: configWants}

// Load reads root/quipu.toml over the defaults.
func Load(root string) (Config, error) {
	ws, err := workspace.Open(root)
	if err != nil {
		return Default(), err
	}
	return Read(ws)
}

// Read reads quipu.toml over the defaults and checks the values,
// the folders too when there is no file.
func Read(ws *workspace.Workspace) (Config, error) {
	cfg := Default()
	data, err := ws.ReadFile(File)
	if errors.Is(err, os.ErrNotExist) {
		cfg.noFile = true
		return cfg, cfg.validate(ws, nil)
	}
	if err != nil {
		return cfg, err
	}
	if err := tomlerr.Decode(File, data, &cfg, configSchema); err != nil {
		var list tomlerr.List
		if errors.As(err, &list) {
			var errs pipeline.ErrorList
			for _, e := range list {
				errs.Add(e)
			}
			return cfg, errs.Err()
		}
		return cfg, err
	}
	return cfg, cfg.validate(ws, valuePositions(data))
}

// SiteURL is the one base URL of the published site, ending with "/":
// override when given (export --base-url), else base_url, else "" (links
// relative to the page). Canonical links, hreflang alternates and the
// sitemap all take it from here.
func (c *Config) SiteURL(override string) string {
	u := c.BaseURL
	if override != "" {
		u = override
	}
	if u != "" && !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// BaseURLProblem says what is wrong with u as the site's base URL, or ""
// when nothing is: page paths are appended to it (canonical links,
// hreflang alternates, the sitemap), so it must be an absolute http or
// https URL, without a query or fragment, which would end up before the
// path.
func BaseURLProblem(u string) string {
	const like = `, like "https://example.org/"`
	parsed, err := url.Parse(u)
	switch {
	case err != nil || parsed.Scheme != "http" && parsed.Scheme != "https" || parsed.Host == "" || parsed.Opaque != "":
		return "must be an absolute http or https URL" + like
	case strings.ContainsAny(u, "?#"):
		return "must have no query (?) or fragment (#), since page paths are added after it"
	case strings.ContainsAny(u, " \t\n"):
		return "must have no spaces" + like
	}
	return ""
}

// configWants says what a key of quipu.toml takes, with an example, for
// errors about a value of the wrong type.
func configWants(key string) (string, bool) {
	if want, ok := siteWants(key); ok {
		return want, true
	}
	if want, ok := markdownWant(key); ok {
		return want, true
	}
	if strings.HasPrefix(key, "fallback.") {
		return `a list of locale tags, like ["es-419", "es"]`, true
	}
	want, ok := map[string]string{
		"source_locale":     `a locale tag in quotes, like "en"`,
		"locales":           `a list of locale tags, like ["es-PE"]`,
		"fallback":          `a table of lists, like [fallback] then "es-PE" = ["es-419", "es"]`,
		"content":           `a folder in quotes, like "content"`,
		"locales_dir":       `a folder in quotes, like "locales"`,
		"output":            `a folder in quotes, like "output"`,
		"glossary":          `a file in quotes, like "locales/glossary.toml"`,
		"templates":         `a folder in quotes, like "templates"`,
		"base_url":          `a URL in quotes, like "https://example.org/"`,
		"front_matter_keys": `a list of keys, like ["title", "description"]`,
		"use_fuzzy":         `true or false`,
		"use_machine":       `true or false`,
		"html_alternates":   `true or false`,
		"html_switcher":     `true or false`,
	}[key]
	return want, ok
}

// validate checks the values; at maps "key" and "key[i]" to the position
// of that value in quipu.toml, for errors.
func (c *Config) validate(ws *workspace.Workspace, at map[string]pipeline.Position) error {
	var errs pipeline.ErrorList
	fail := func(key, format string, args ...any) {
		pos, ok := at[key]
		if !ok {
			pos = pipeline.Position{File: File}
		}
		errs.Add(&pipeline.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	check := func(key, tag string) {
		if _, err := language.Parse(tag); err != nil {
			fail(key, "locale %q is not a valid BCP 47 tag (such as es-PE): %v", tag, err)
		} else if msg := checkTagForm(tag); msg != "" {
			fail(key, "%s", msg)
		}
	}
	check("source_locale", c.SourceLocale)
	// A locale listed twice would have its files written twice, and the
	// source locale's are the source messages: neither is a target. (Tags
	// are compared as written: checkTagForm refuses another case.)
	listed := map[string]bool{}
	for i, l := range c.Locales {
		key := fmt.Sprintf("locales[%d]", i)
		check(key, l)
		switch {
		case listed[l]:
			fail(key, "locale %q is listed twice in locales", l)
		case l == c.SourceLocale:
			fail(key, "locale %q is the source locale (source_locale = %q): locales lists the locales translated into", l, c.SourceLocale)
		}
		listed[l] = true
	}
	if why := BaseURLProblem(c.BaseURL); c.BaseURL != "" && why != "" {
		fail("base_url", "base_url = %q %s", c.BaseURL, why)
	}
	for l, chain := range c.Fallback {
		check("fallback."+l, l)
		for i, f := range chain {
			check(fmt.Sprintf("fallback.%s[%d]", l, i), f)
		}
	}
	c.checkSite(ws, fail)
	for _, err := range c.confine(ws, at) {
		errs.Add(err)
	}
	return errs.Err()
}

// valuePositions maps each top-level key, each table key ("fallback.es-PE")
// and each array element ("locales[1]") of a TOML file to the position of
// its value.
func valuePositions(data []byte) map[string]pipeline.Position {
	at := map[string]pipeline.Position{}
	p := &unstable.Parser{}
	p.Reset(data)
	var table []string
	pos := func(n *unstable.Node) pipeline.Position {
		line, col := pipeline.LineCol(data, int(n.Raw.Offset))
		return pipeline.Position{File: File, Line: line, Col: col}
	}
	keyOf := func(it unstable.Iterator) (parts []string, first *unstable.Node) {
		for it.Next() {
			if first == nil {
				first = it.Node()
			}
			parts = append(parts, string(it.Node().Data))
		}
		return parts, first
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			table, _ = keyOf(e.Key())
		case unstable.KeyValue:
			parts, first := keyOf(e.Key())
			key := strings.Join(append(append([]string(nil), table...), parts...), ".")
			v := e.Value()
			at[key] = pos(first)
			switch v.Kind {
			case unstable.String:
				at[key] = pos(v)
			case unstable.Array:
				it := v.Children()
				for i := 0; it.Next(); i++ {
					at[fmt.Sprintf("%s[%d]", key, i)] = pos(it.Node())
				}
			}
		}
	}
	return at
}

// Chain returns the fallback chain of a target locale, the locale first
// and the source locale excluded: configured, or derived from the tag's
// parents (es-PE, es-419, es).
func (c *Config) Chain(locale string) []string {
	chain := []string{locale}
	if f, ok := c.Fallback[locale]; ok {
		return append(chain, f...)
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return chain
	}
	for p := tag.Parent(); p != language.Und; p = p.Parent() {
		chain = append(chain, p.String())
	}
	return chain
}
