package project

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

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
func (c *Config) areas() []workspace.Area {
	return append([]workspace.Area{
		{Dir: c.Content, Shared: true},
		{Dir: c.LocalesDir},
		{Dir: c.Output},
		{Dir: c.Templates},
		{Dir: CacheDir},
	}, c.siteAreas()...)
}

// ownedBy returns the check Recover makes of each file a journal lists:
// a journal names files for the next run to remove or rename, and only
// those its kind of run writes, in the folder dir, may be.
func (p *Project) ownedBy(dir string) func(string) error {
	return func(name string) error { return p.ws.OwnsIn(dir, name) }
}

// confineLocales checks, before a run reads or writes message files or
// pages, that the folder of each locale it uses under locales_dir and
// output leads inside the project.
func (p *Project) confineLocales(locales []string) error {
	var errs []string
	for _, l := range locales {
		for _, dir := range []string{p.Config.LocalesDir, p.Config.Output} {
			if _, err := p.ws.Resolve(path.Join(dir, l)); err != nil {
				errs = append(errs, err.Error())
			}
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// writeError adds the error of writing path to errs. A folder that leads
// outside the project is reported once, at the link, however many files
// would have gone there: the workspace gives the same error for each.
func writeError(errs []error, path string, err error) []error {
	var esc *workspace.EscapeError
	if !errors.As(err, &esc) {
		return append(errs, fmt.Errorf("write %s: %w", path, err))
	}
	for _, e := range errs {
		if e == err {
			return errs
		}
	}
	return append(errs, err)
}

// path is the file system path of a project-relative path, once its
// folder is known to lead inside the project (see workspace.Path).
func (p *Project) path(rel string) (string, error) { return p.ws.Path(rel) }

// glossary reads the glossary; a missing file is an empty glossary.
func (p *Project) glossary() (*glossary.Glossary, error) {
	data, err := p.ws.ReadFile(p.Config.Glossary)
	if errors.Is(err, fs.ErrNotExist) {
		return &glossary.Glossary{}, nil
	}
	if err != nil {
		return nil, err
	}
	return glossary.Parse(p.abs(p.Config.Glossary), data)
}
