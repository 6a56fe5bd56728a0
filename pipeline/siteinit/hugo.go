package siteinit

import (
	"path"
	"strings"
)

// hugoFiles are the configuration files Hugo reads, in its order.
var hugoFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"}

// readHugo reads defaultContentLanguage, contentDir and [languages] (with
// each language's contentDir) from the site's configuration file, or from
// config/_default/ (hugo.toml or config.toml, and languages.toml) when the
// site keeps its configuration there. Other environments' folders are not
// read.
func readHugo(root string) (*Site, error) {
	name, src, err := firstFile(root, hugoFiles...)
	folder := false
	if err != nil {
		var ferr error
		if name, src, ferr = firstFile(root, prefixed("config/_default/", hugoFiles)...); ferr != nil {
			return nil, err
		}
		folder = true
	}
	d, err := decodeConfig(name, src)
	if err != nil {
		return nil, err
	}
	if folder {
		// languages.toml holds the languages table itself.
		if lname, lsrc, err := firstFile(root, prefixed("config/_default/", []string{"languages.toml", "languages.yaml", "languages.yml"})...); err == nil {
			ld, err := decodeConfig(lname, lsrc)
			if err != nil {
				return nil, err
			}
			d.data["languages"] = ld.data
			for k, p := range ld.at {
				d.at["languages."+k] = p
			}
			name = name + ", " + lname
		}
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
		key := "defaultcontentlanguage"
		if _, set := get(d.data, key); !set {
			key = "languages"
		}
		return nil, d.errorf(key, "languages has no %q, the defaultContentLanguage", s.Source)
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
		s.Langs = append(s.Langs, Lang{Name: strings.ToLower(key), Dir: dir, Pos: d.tablePos("languages." + key)})
	}
	return s, nil
}

// decodeConfig reads a TOML or YAML configuration file by its extension.
func decodeConfig(name string, src []byte) (*decoded, error) {
	if strings.HasSuffix(name, ".toml") {
		return decodeTOML(name, src)
	}
	return decodeYAML(name, src)
}

func prefixed(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = dir + n
	}
	return out
}
