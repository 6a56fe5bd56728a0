package siteinit

import (
	"fmt"
	"path"
	"strings"
)

// readMkDocs reads docs_dir and the i18n plugin (mkdocs-static-i18n 1.x:
// docs_structure suffix or folder, and its languages list with the
// default one marked default: true) from mkdocs.yml.
func readMkDocs(root string) (*Site, error) {
	name, src, err := firstFile(root, "mkdocs.yml", "mkdocs.yaml")
	if err != nil {
		return nil, err
	}
	d, err := decodeYAML(name, src)
	if err != nil {
		return nil, err
	}
	s := &Site{Config: name, Content: "docs"}
	if v, ok := str(d.data, "docs_dir"); !ok {
		return nil, d.errorf("docs_dir", "docs_dir: want a folder, like docs")
	} else if v != "" {
		if s.Content, ok = clean(v); !ok {
			return nil, d.errorf("docs_dir", "docs_dir = %q leads outside the site", v)
		}
	}
	plugins, _ := get(d.data, "plugins")
	list, _ := plugins.([]any)
	var i18n map[string]any
	key := ""
	for i, p := range list {
		if m, ok := p.(map[string]any); ok {
			if v, ok := m["i18n"]; ok {
				i18n, _ = v.(map[string]any)
				key = fmt.Sprintf("plugins[%d].i18n", i)
				if i18n == nil {
					return nil, d.errorf(key, "i18n: want the plugin's options (docs_structure, languages)")
				}
			}
		}
	}
	if i18n == nil {
		return nil, d.errorf("plugins", "no i18n plugin (mkdocs-static-i18n) under plugins: add it with its languages, then run init again")
	}
	structure, ok := str(i18n, "docs_structure")
	switch {
	case !ok || structure != "" && structure != "suffix" && structure != "folder":
		return nil, d.errorf(key+".docs_structure", "docs_structure: want suffix or folder")
	case structure == "":
		structure = "suffix" // the plugin's default
	}
	langsV, _ := get(i18n, "languages")
	langs, ok := langsV.([]any)
	if !ok {
		return nil, d.errorf(key+".languages", "languages: want a list, like - locale: en then default: true")
	}
	type lang struct {
		locale string
		def    bool
		at     string
	}
	var all []lang
	for i, l := range langs {
		m, ok := l.(map[string]any)
		at := fmt.Sprintf("%s.languages[%d]", key, i)
		if !ok {
			return nil, d.errorf(at, "a language: want locale: and its options")
		}
		loc, ok := str(m, "locale")
		if !ok || loc == "" {
			return nil, d.errorf(at, "a language without locale:")
		}
		def, _ := m["default"].(bool)
		all = append(all, lang{loc, def, at})
	}
	for _, l := range all {
		if l.def {
			s.Source = l.locale
		}
	}
	if s.Source == "" {
		return nil, d.errorf(key+".languages", "no language has default: true")
	}
	docs := s.Content
	if structure == "folder" {
		s.Content = path.Join(docs, s.Source)
	}
	for _, l := range all {
		if l.locale == s.Source || strings.EqualFold(l.locale, "null") {
			continue
		}
		dir := ""
		if structure == "folder" {
			dir = path.Join(docs, l.locale)
		}
		s.Langs = append(s.Langs, Lang{Name: l.locale, Dir: dir, Pos: d.pos(l.at + ".locale")})
	}
	return s, nil
}
