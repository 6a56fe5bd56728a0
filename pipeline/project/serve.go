package project

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

// Serving asks of a project one document in one locale at a time, through
// the code paths of build, check and sync: a served page is the page a
// build writes, a problem shown is a problem check reports.

// Renderer builds single pages for a server; it remembers the page dates
// (the git history is read once) for the Project it was made from.
type Renderer struct {
	p     *Project
	dates *pageDates
}

// NewRenderer returns a Renderer of the project as it is now: a change to
// its configuration, glossary or template needs a new Project.
func (p *Project) NewRenderer() *Renderer { return &Renderer{p: p, dates: p.newPageDates()} }

// BuildLocales are the locales a build writes: the source and every target.
func (p *Project) BuildLocales() ([]string, error) { return p.Config.SelectLocales(nil, false) }

// TargetLocales are the locales translated.
func (p *Project) TargetLocales() []string { return p.Config.Runnable(true) }

// Render returns what Build writes for one document in one locale, by the
// extension of each output (".html", ".md"). A draft, or a locale the
// build does not write, is fs.ErrNotExist.
func (r *Renderer) Render(s Source, locale string) (map[string][]byte, error) {
	p := r.p
	all, err := p.BuildLocales()
	if err != nil {
		return nil, err
	}
	if !slices.Contains(all, locale) {
		return nil, fs.ErrNotExist
	}
	var msgLocales []string
	if locale != p.Config.SourceLocale && locale != pseudo.Locale {
		msgLocales = p.Config.Chain(locale)
	}
	opt := BuildOptions{}
	db, err := p.prepareDoc(s, msgLocales, opt, r.dates)
	if err != nil {
		return nil, err
	}
	if db.doc == nil {
		return nil, fs.ErrNotExist
	}
	out, err := p.localize(db.doc, s, locale, all, db.files, opt, db.rep, db.dp)
	if err != nil {
		return nil, err
	}
	// The path less its extension, as OutputPath writes it: a document
	// named "..md" has the outputs "..md" and "..html".
	base := strings.TrimSuffix(p.OutputPath(locale, s, "x"), "x")
	pages := make(map[string][]byte, len(out))
	for _, f := range out {
		pages[strings.TrimPrefix(f.path, base)] = f.data
	}
	return pages, nil
}

// Asset is the project-relative path of a file under the content folder
// that is no document (an image a page shows), or "" when rel is a
// document or leads outside the content folder. Its bytes are read with
// ReadAsset.
func (p *Project) Asset(rel string) string {
	if p.formats.For(path.Base(rel)) != nil {
		return ""
	}
	name := path.Join(p.Config.Content, rel)
	if !strings.HasPrefix(name, p.Config.Content+"/") {
		return ""
	}
	return name
}

// ReadFile reads a project-relative file through the workspace, which
// refuses a path that leads outside the project or its area.
func (p *Project) ReadFile(rel string) ([]byte, error) { return p.ws.ReadFile(rel) }
