package siteinit

import (
	"path"
	"strings"
)

// hugoFiles are the configuration files Hugo reads, in its order.
var hugoFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"}

// readHugo reads defaultContentLanguage, contentDir and [languages] (with
// each language's contentDir) from the site's configuration file. A
// config/ folder of several files is not read.
func readHugo(root string) (*Site, error) {
	name, src, err := firstFile(root, hugoFiles...)
	if err != nil {
		return nil, err
	}
	var d *decoded
	if strings.HasSuffix(name, ".toml") {
		d, err = decodeTOML(name, src)
	} else {
		d, err = decodeYAML(name, src)
	}
	if err != nil {
		return nil, err
	}
	s := &Site{Config: name, Source: "en", Content: "content"}
	if v, ok := str(d.data, "defaultContentLanguage"); !ok {
		return nil, d.errorf("defaultcontentlanguage", "defaultContentLanguage: want a language key in quotes, like \"en\"")
	} else if v != "" {
		s.Source = strings.ToLower(v)
	}
	if v, ok := str(d.data, "contentDir"); !ok {
		return nil, d.errorf("contentdir", "contentDir: want a folder in quotes, like \"content\"")
	} else if v != "" {
		if s.Content, ok = clean(v); !ok {
			return nil, d.errorf("contentdir", "contentDir = %q leads outside the site", v)
		}
	}
	langs, ok := table(d.data, "languages")
	if !ok {
		return nil, d.errorf("languages", "languages: want a table of languages, like [languages.es-pe]")
	}
	if _, found := get(langs, s.Source); !found && len(langs) > 0 {
		return nil, d.errorf("languages", "languages has no %q, the defaultContentLanguage", s.Source)
	}
	dirOf := func(key string) (string, error) {
		t, ok := table(langs, key)
		if !ok {
			return "", d.errorf("languages."+key, "languages.%s: want a table, like [languages.%s]", key, key)
		}
		v, ok := str(t, "contentDir")
		if !ok {
			return "", d.errorf("languages."+key+".contentdir", "contentDir: want a folder in quotes")
		}
		if v == "" {
			return "", nil
		}
		c, ok := clean(v)
		if !ok {
			return "", d.errorf("languages."+key+".contentdir", "contentDir = %q leads outside the site", v)
		}
		return c, nil
	}
	for _, key := range sorted(langs) {
		if strings.EqualFold(key, s.Source) {
			dir, err := dirOf(key)
			if err != nil {
				return nil, err
			}
			if dir != "" {
				s.Content = dir
			}
		}
	}
	for _, key := range sorted(langs) {
		if strings.EqualFold(key, s.Source) {
			continue
		}
		dir, err := dirOf(key)
		if err != nil {
			return nil, err
		}
		if dir == path.Clean(s.Content) {
			dir = "" // translations by file name in a shared folder
		}
		s.Langs = append(s.Langs, Lang{Name: strings.ToLower(key), Dir: dir})
	}
	return s, nil
}
