// Package siteinit reads a Hugo, Docusaurus or MkDocs site's own
// configuration and writes the quipu.toml that localizes it in place: the
// site's source content folder, its languages mapped to quipu's locales,
// and where each locale's pages go.
package siteinit

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// Lang is one of the site's languages besides its source.
type Lang struct {
	Name string // as the generator spells it: es-pe, es, es-PE
	// Dir is the folder its pages go in, relative to the site; "" when
	// they go beside their source, named page.<Name>.md.
	Dir string
	// Locale is the quipu locale it is mapped to (es-PE).
	Locale string
	// Pos is where the configuration names it, when known.
	Pos pipeline.Position
}

// Site is what init learned from a site's configuration.
type Site struct {
	Generator string // hugo, docusaurus, mkdocs
	Config    string // the file read, relative to the site
	Source    string // the source language, as the generator spells it
	Content   string // the source content folder, relative to the site
	Langs     []Lang
	// FrontMatterKeys are the keys the generator shows readers.
	FrontMatterKeys []string
	// Notes say what init could not read or did not do, for the user.
	Notes []string
}

// Read reads the site in root for generator ("hugo", "docusaurus",
// "mkdocs") and maps its languages to quipu locales: a site language is
// the locale of wants it names (es-pe is es-PE), or whose language it is
// without a region (es is es-PE when es-PE is wanted), else its own tag.
func Read(root, generator string, wants []string) (*Site, error) {
	var s *Site
	var err error
	switch generator {
	case "hugo":
		s, err = readHugo(root)
	case "docusaurus":
		s, err = readDocusaurus(root)
	case "mkdocs":
		s, err = readMkDocs(root)
	default:
		return nil, fmt.Errorf("unknown site generator %q (want hugo, docusaurus or mkdocs)", generator)
	}
	if err != nil {
		return nil, err
	}
	s.Generator = generator
	s.FrontMatterKeys = markdown.FrontMatterKeys(generator)
	if len(s.Langs) == 0 {
		return nil, fmt.Errorf("%s: the site has no language besides %s: add the language to translate into there, then run init again", s.Config, s.Source)
	}
	at := func(l Lang) pipeline.Position {
		if l.Pos.File == "" {
			return pipeline.Position{File: s.Config}
		}
		return l.Pos
	}
	seen := map[string]int{}
	for i := range s.Langs {
		l := &s.Langs[i]
		loc, err := MapLocale(l.Name, wants)
		if err != nil {
			return nil, &pipeline.Error{Pos: at(*l), Msg: fmt.Sprintf("language %q: %v", l.Name, err)}
		}
		l.Locale = loc
		if j, dup := seen[loc]; dup {
			first := s.Langs[j]
			where := ""
			if first.Pos.Line > 0 {
				where = fmt.Sprintf(" (%s)", first.Pos)
			}
			return nil, &pipeline.Error{Pos: at(*l), Msg: fmt.Sprintf("languages %q%s and %q both map to the quipu locale %s: quipu writes each locale into one language; remove one, or pass --locale for the one without a region", first.Name, where, l.Name, loc)}
		}
		seen[loc] = i
	}
	return s, nil
}

// MapLocale is the quipu locale of a site's language name.
func MapLocale(name string, wants []string) (string, error) {
	tag, err := language.Parse(name)
	if err != nil {
		return "", fmt.Errorf("not a language tag quipu can map to a locale")
	}
	for _, w := range wants {
		if wt, err := language.Parse(w); err == nil && wt == tag {
			return w, nil
		}
	}
	if base, conf := tag.Base(); conf == language.Exact || conf == language.High {
		if _, _, region := tag.Raw(); region.String() == "ZZ" {
			for _, w := range wants {
				wt, err := language.Parse(w)
				if err != nil {
					continue
				}
				if wb, _ := wt.Base(); wb == base {
					return w, nil
				}
			}
		}
	}
	return tag.String(), nil
}

// SourceLocale is the quipu locale of the site's source language.
func (s *Site) SourceLocale() string {
	if tag, err := language.Parse(s.Source); err == nil {
		return tag.String()
	}
	return "en"
}

// TOML is the quipu.toml that localizes the site in place.
func (s *Site) TOML() []byte {
	var b strings.Builder
	q := func(v string) string { return fmt.Sprintf("%q", v) }
	list := func(vs []string) string {
		qs := make([]string, len(vs))
		for i, v := range vs {
			qs[i] = q(v)
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	var locales []string
	for _, l := range s.Langs {
		locales = append(locales, l.Locale)
	}
	fmt.Fprintf(&b, "# Written by quipu init --%s from %s. quipu builds each locale's Markdown\n", s.Generator, s.Config)
	fmt.Fprintf(&b, "# into output/ and where %s reads it ([site] below).\n", s.Generator)
	fmt.Fprintf(&b, "source_locale = %s\n", q(s.SourceLocale()))
	fmt.Fprintf(&b, "locales = %s\n", list(locales))
	fmt.Fprintf(&b, "content = %s\n", q(s.Content))
	fmt.Fprintf(&b, "locales_dir = \"locales\"\noutput = \"output\"\n")
	fmt.Fprintf(&b, "front_matter_keys = %s\n", list(s.FrontMatterKeys))
	fmt.Fprintf(&b, "\n[site]\ngenerator = %s\n", q(s.Generator))
	var dirs, names []Lang
	for _, l := range s.Langs {
		if l.Dir != "" {
			dirs = append(dirs, l)
		} else {
			names = append(names, l)
		}
	}
	fmt.Fprintf(&b, "\n# quipu locale = the %s language\n", s.Generator)
	if len(names) > 0 {
		fmt.Fprintf(&b, "# (a locale without a folder in [site.dirs] is written beside its source: page.<language>.md)\n")
	}
	fmt.Fprintf(&b, "[site.languages]\n")
	for _, l := range s.Langs {
		fmt.Fprintf(&b, "%s = %s\n", q(l.Locale), q(l.Name))
	}
	if len(dirs) > 0 {
		fmt.Fprintf(&b, "\n# quipu locale = the folder its pages go in, mirroring content\n[site.dirs]\n")
		for _, l := range dirs {
			fmt.Fprintf(&b, "%s = %s\n", q(l.Locale), q(l.Dir))
		}
	}
	return []byte(b.String())
}

// firstFile is the first of names that exists in root, read as quipu
// reads every project file: a link leading out of the site or a named pipe
// is an error, not a configuration to read or wait on.
func firstFile(root string, names ...string) (string, []byte, error) {
	w, err := workspace.Open(root)
	if err != nil {
		return "", nil, err
	}
	for _, n := range names {
		data, err := w.ReadFile(n)
		if err == nil {
			return n, data, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, err
		}
	}
	return "", nil, fmt.Errorf("no %s in %s", strings.Join(names, ", "), root)
}

// clean makes a folder the configuration names relative to the site,
// refusing one outside it.
func clean(dir string) (string, bool) {
	d := path.Clean(filepath.ToSlash(dir))
	if path.IsAbs(d) || d == ".." || strings.HasPrefix(d, "../") {
		return "", false
	}
	return d, true
}

// sorted returns the map's keys sorted.
func sorted[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
