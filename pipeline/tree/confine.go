package tree

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// OwnedBy returns the check Recover makes of each file a journal lists:
// a journal names files for the next run to remove or rename, and only
// those its kind of run writes, in the folder dir, may be.
func (p *Tree) OwnedBy(dir string) func(string) error {
	return func(name string) error { return p.WS.OwnsIn(dir, name) }
}

// ConfineLocales checks, before a run reads or writes message files or
// pages, that the folder of each locale it uses under locales_dir and
// output leads inside the project.
func (p *Tree) ConfineLocales(locales []string) error {
	var errs []string
	for _, l := range locales {
		for _, dir := range []string{p.Config.LocalesDir, p.Config.Output} {
			if _, err := p.WS.Resolve(path.Join(dir, l)); err != nil {
				errs = append(errs, err.Error())
			}
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// WriteError adds the error of writing path to errs. A folder that leads
// outside the project is reported once, at the link, however many files
// would have gone there: the workspace gives the same error for each.
func WriteError(errs []error, path string, err error) []error {
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

// Path is the file system path of a project-relative path, once its
// folder is known to lead inside the project (see workspace.Path).
func (p *Tree) Path(rel string) (string, error) { return p.WS.Path(rel) }

// Glossary reads the glossary; a missing file is an empty glossary.
func (p *Tree) Glossary() (*glossary.Glossary, error) {
	data, err := p.WS.ReadFile(p.Config.Glossary)
	if errors.Is(err, fs.ErrNotExist) {
		return &glossary.Glossary{}, nil
	}
	if err != nil {
		return nil, err
	}
	return glossary.Parse(p.Abs(p.Config.Glossary), data)
}
