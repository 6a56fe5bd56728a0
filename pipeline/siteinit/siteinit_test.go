package siteinit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// site writes files into a fresh folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name, gen string
		files     map[string]string
		content   string
		source    string
		langs     []Lang
	}{
		{"hugo by file name", "hugo", map[string]string{"hugo.toml": `
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.es-pe]
languageCode = "es-PE"
weight = 2
`}, "content", "en", []Lang{{Name: "es-pe", Locale: "es-PE"}}},
		{"hugo keys in any case, contentDir per language", "hugo", map[string]string{"config.toml": `
DefaultContentLanguage = "en"
[Languages.EN]
contentDir = "content/en"
[Languages.es-PE]
ContentDir = "content/es-pe"
`}, "content/en", "en", []Lang{{Name: "es-pe", Dir: "content/es-pe", Locale: "es-PE"}}},
		{"hugo yaml", "hugo", map[string]string{"hugo.yaml": `
contentDir: site
languages:
  en: {weight: 1}
  es:
    weight: 2
`}, "site", "en", []Lang{{Name: "es", Locale: "es-PE"}}},
		{"hugo config folder", "hugo", map[string]string{"config/_default/hugo.toml": "defaultContentLanguage = \"en\"\n", "config/_default/languages.yaml": "en:\n  weight: 1\nes-pe:\n  contentDir: content/es-pe\n"},
			"content", "en", []Lang{{Name: "es-pe", Dir: "content/es-pe", Locale: "es-PE"}}},
		{"docusaurus", "docusaurus", map[string]string{"docusaurus.config.js": `
// @ts-check
const config = {
  title: 'Docs', // not i18n: {}
  i18n: {
    defaultLocale: 'en',
    locales: ['en', "es", /* soon */ 'pt-BR'],
    localeConfigs: {en: {label: 'English'}},
  },
  presets: [['classic', {docs: {sidebarPath: './sidebars.js'}}]],
};
module.exports = config;
`}, "docs", "en", []Lang{
			{Name: "es", Dir: "i18n/es/docusaurus-plugin-content-docs/current", Locale: "es-PE"},
			{Name: "pt-BR", Dir: "i18n/pt-BR/docusaurus-plugin-content-docs/current", Locale: "pt-BR"},
		}},
		{"docusaurus locale folders from localeConfigs", "docusaurus", map[string]string{"docusaurus.config.js": `
export default {
  i18n: {defaultLocale: 'en', locales: ['en', 'fr', 'es'], localeConfigs: {fr: {label: 'Français', path: 'francais'}, 'es': {path: "espanol"}}},
};
`}, "docs", "en", []Lang{
			{Name: "fr", Dir: "i18n/francais/docusaurus-plugin-content-docs/current", Locale: "fr"},
			{Name: "es", Dir: "i18n/espanol/docusaurus-plugin-content-docs/current", Locale: "es-PE"},
		}},
		{"docusaurus docs elsewhere", "docusaurus", map[string]string{"docusaurus.config.ts": `
export default {
  i18n: {defaultLocale: "en", locales: ["en", "es-PE"]},
  presets: [["classic", {docs: {sidebarPath: "./sidebars.ts", path: "guide"}, blog: {path: "news"}}]],
} satisfies Config;
`}, "guide", "en", []Lang{{Name: "es-PE", Dir: "i18n/es-PE/docusaurus-plugin-content-docs/current", Locale: "es-PE"}}},
		{"mkdocs suffix", "mkdocs", map[string]string{"mkdocs.yml": `
site_name: Docs
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
        - locale: es
          name: Español
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
`}, "docs", "en", []Lang{{Name: "es", Locale: "es-PE"}}},
		{"mkdocs folder", "mkdocs", map[string]string{"mkdocs.yml": `
docs_dir: pages
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          default: true
        - locale: es
`}, "pages/en", "en", []Lang{{Name: "es", Dir: "pages/es", Locale: "es-PE"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Read(site(t, c.files), c.gen, []string{"es-PE"})
			if err != nil {
				t.Fatal(err)
			}
			if s.Content != c.content || s.Source != c.source {
				t.Errorf("content %q, source %q; want %q, %q", s.Content, s.Source, c.content, c.source)
			}
			if diff := cmp.Diff(c.langs, s.Langs, cmpopts.IgnoreFields(Lang{}, "Pos")); diff != "" {
				t.Errorf("languages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrorsArePositioned(t *testing.T) {
	for _, c := range []struct {
		name, gen string
		files     map[string]string
		want      string
	}{
		{"toml syntax", "hugo", map[string]string{"hugo.toml": "title = \"x\"\n[languages.en\n"}, "hugo.toml:2:"},
		{"languages not a table", "hugo", map[string]string{"hugo.toml": "title = \"x\"\nlanguages = \"en\"\n"}, "hugo.toml:2:13: languages: want a table of languages"},
		{"one language", "hugo", map[string]string{"hugo.toml": "title = \"x\"\n"}, "hugo.toml: the site has no language besides en"},
		{"contentDir outside", "hugo", map[string]string{"hugo.toml": "[languages.en]\ncontentDir = \"../elsewhere\"\n[languages.es]\n"}, `hugo.toml:2:14: contentDir = "../elsewhere" leads outside the site`},
		{"no config", "hugo", map[string]string{}, "no hugo.toml, hugo.yaml"},
		{"config folder language error", "hugo", map[string]string{"config/_default/config.toml": "", "config/_default/languages.toml": "[en]\n[es]\ncontentDir = 3\n"}, "config/_default/languages.toml:3:14: contentDir: want a folder in quotes"},
		{"docusaurus locales from code", "docusaurus", map[string]string{"docusaurus.config.js": "module.exports = {\n  i18n: {\n    defaultLocale: 'en',\n    locales: LOCALES,\n  },\n};\n"}, "docusaurus.config.js:4:14: locales is not a list of quoted strings"},
		{"docusaurus locale from a template", "docusaurus", map[string]string{"docusaurus.config.js": "export default {i18n: {defaultLocale: `${lang}`, locales: ['en']}};\n"}, "docusaurus.config.js:1:39: defaultLocale is not a quoted string"},
		{"docusaurus without i18n", "docusaurus", map[string]string{"docusaurus.config.ts": "export default {title: 'x'};\n"}, "docusaurus.config.ts:1:1: no i18n: { … } block"},
		{"mkdocs without the plugin", "mkdocs", map[string]string{"mkdocs.yml": "site_name: x\nplugins:\n  - search\n"}, "mkdocs.yml:3:3: no i18n plugin"},
		{"mkdocs bad structure", "mkdocs", map[string]string{"mkdocs.yml": "plugins:\n  - i18n:\n      docs_structure: nested\n      languages: []\n"}, "mkdocs.yml:3:23: docs_structure: want suffix or folder"},
		{"mkdocs no default", "mkdocs", map[string]string{"mkdocs.yml": "plugins:\n  - i18n:\n      languages:\n        - locale: en\n"}, "mkdocs.yml:4:9: no language has default: true"},
		{"two languages, one locale", "hugo", map[string]string{"hugo.toml": "[languages.en]\n[languages.es_pe]\nweight = 2\n[languages.Es]\n"}, `hugo.toml:2:2: languages "es" (hugo.toml:4:2) and "es_pe" both map to the quipu locale es-PE`},
		{"language not a tag", "hugo", map[string]string{"hugo.toml": "[languages.en]\n[languages.zz-qq]\n"}, `hugo.toml:2:2: language "zz-qq": not a language tag`},
		{"default language missing", "hugo", map[string]string{"hugo.toml": "defaultContentLanguage = \"fr\"\n[languages.en]\n[languages.es]\n"}, `hugo.toml:1:26: languages has no "fr"`},
		{"docusaurus docs path outside", "docusaurus", map[string]string{"docusaurus.config.js": "export default {\n  presets: [['classic', {docs: {path: '../outside'}}]],\n  i18n: {defaultLocale: 'en', locales: ['en', 'es']},\n};\n"}, `docusaurus.config.js:2:39: the docs path "../outside" leads outside the site`},
		{"docusaurus docs plugin off", "docusaurus", map[string]string{"docusaurus.config.js": "export default {\n  presets: [['classic', {docs: false}]],\n  i18n: {defaultLocale: 'en', locales: ['en', 'es']},\n};\n"}, `docusaurus.config.js:2:32: docs: false turns the docs plugin off`},
		{"mkdocs two languages, one locale", "mkdocs", map[string]string{"mkdocs.yml": "plugins:\n  - i18n:\n      languages:\n        - locale: en\n          default: true\n        - locale: es\n        - locale: es-PE\n"}, `mkdocs.yml:7:19: languages "es" (mkdocs.yml:6:19) and "es-PE" both map to the quipu locale es-PE`},
		{"yaml syntax", "mkdocs", map[string]string{"mkdocs.yml": "plugins:\n  - i18n:\n   languages: [\n"}, "mkdocs.yml:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(site(t, c.files), c.gen, []string{"es-PE"})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestMapLocale(t *testing.T) {
	for _, c := range []struct {
		name  string
		wants []string
		want  string
	}{
		{"es-pe", []string{"es-PE"}, "es-PE"},
		{"es-PE", []string{"es-PE"}, "es-PE"},
		{"es", []string{"es-PE"}, "es-PE"},
		{"es", []string{"es"}, "es"},
		{"es", []string{"fr"}, "es"},
		{"pt-br", []string{"es-PE"}, "pt-BR"},
		{"es-mx", []string{"es-PE"}, "es-MX"}, // a region of its own stays
	} {
		got, err := MapLocale(c.name, c.wants)
		if err != nil || got != c.want {
			t.Errorf("MapLocale(%q, %v) = %q, %v; want %q", c.name, c.wants, got, err, c.want)
		}
	}
	if _, err := MapLocale("not a tag!", nil); err == nil {
		t.Error("MapLocale took a name that is no tag")
	}
}

func TestTOML(t *testing.T) {
	s := &Site{Generator: "hugo", Config: "hugo.toml", Source: "en", Content: "content/en", FrontMatterKeys: markdown.FrontMatterKeys("hugo"),
		Langs: []Lang{{Name: "es-pe", Dir: "content/es-pe", Locale: "es-PE"}, {Name: "qu", Locale: "qu"}}}
	got := string(s.TOML())
	for _, want := range []string{
		"source_locale = \"en\"\n",
		"locales = [\"es-PE\", \"qu\"]\n",
		"content = \"content/en\"\n",
		"front_matter_keys = [\"title\", \"description\", \"summary\", \"linkTitle\"]\n",
		"[site]\ngenerator = \"hugo\"\n",
		"[site.languages]\n\"es-PE\" = \"es-pe\"\n\"qu\" = \"qu\"\n",
		"[site.dirs]\n\"es-PE\" = \"content/es-pe\"\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("quipu.toml lacks %q:\n%s", want, got)
		}
	}
}
