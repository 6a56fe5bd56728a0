package config

import (
	"errors"
	"fmt"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// CacheDir is the project's hidden folder for state that a clean build
// can always recreate.
const CacheDir = ".quipu"

// confine checks the folders and files the configuration names: each must
// lead inside the project, symbolic links resolved (see package
// workspace), and the output folder must be apart from every folder quipu
// reads or keeps its state in, or a build would write among them. at
// gives the position of each value set in quipu.toml; a default is
// reported at its path.
func (c *Config) confine(ws *workspace.Workspace, at map[string]pipeline.Position) []error {
	type named struct{ key, value string }
	paths := []named{{"content", c.Content}, {"locales_dir", c.LocalesDir}, {"output", c.Output}, {"glossary", c.Glossary}, {"templates", c.Templates}, {CacheDir, CacheDir}}
	var errs []error
	report := func(key, msg string) {
		if pos, ok := at[key]; ok {
			errs = append(errs, &pipeline.Error{Pos: pos, Msg: msg})
		} else {
			errs = append(errs, errors.New(msg))
		}
	}
	real := map[string]string{}
	for _, p := range paths {
		if p.key == "templates" && p.value == "" {
			continue // the built-in template
		}
		to, err := ws.Resolve(p.value)
		var esc *workspace.EscapeError
		switch {
		case errors.As(err, &esc) && esc.To == "":
			report(p.key, fmt.Sprintf("%s = %q must stay inside the project", p.key, p.value))
		case errors.As(err, &esc):
			if _, given := at[p.key]; given {
				report(p.key, fmt.Sprintf("%s = %q leads outside the project (to %s) through the symbolic link %s", p.key, p.value, esc.To, esc.Path))
			} else {
				report(p.key, esc.Error()) // a default: named by its path
			}
		case err != nil:
			report(p.key, fmt.Sprintf("%s = %q: %v", p.key, p.value, err))
		default:
			real[p.key] = to
		}
	}
	out, ok := real["output"]
	if !ok {
		return errs
	}
	for _, p := range paths {
		if p.key == "output" || p.key == "glossary" {
			continue
		}
		other, ok := real[p.key]
		if !ok || !workspace.Overlap(out, other) {
			continue
		}
		what := fmt.Sprintf("%s = %q", p.key, p.value)
		if p.key == CacheDir {
			what = "quipu's own folder " + CacheDir
		}
		key := "output"
		if _, given := at[key]; !given {
			key = p.key
		}
		report(key, fmt.Sprintf("output = %q overlaps %s: built pages need a folder of their own, apart from content, locales_dir, templates and %s", c.Output, what, CacheDir))
	}
	return errs
}

// areas are the folders that each hold one kind of file: a link under one
// must lead inside it (see workspace.Area). Documents may reference files
// in a folder of the project that is no area, such as shared images.
func (c *Config) Areas() []workspace.Area {
	return append([]workspace.Area{
		{Dir: c.Content, Shared: true},
		{Dir: c.LocalesDir},
		{Dir: c.Output},
		{Dir: c.Templates},
		{Dir: CacheDir},
	}, c.siteAreas()...)
}
