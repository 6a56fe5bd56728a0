package project

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/dates"
	"github.com/quipu-l10n/quipu/pipeline/msgedit"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// Serving asks of a project one document in one locale at a time, through
// the code paths of build, check and sync: a served page is the page a
// build writes, a problem shown is a problem check reports.

// Renderer builds single pages for a server; it remembers the page dates
// (the git history is read once) for the Project it was made from.
type Renderer struct {
	p  *Project
	pd *dates.Pages
}

// NewRenderer returns a Renderer of the project as it is now: a change to
// its configuration, glossary or template needs a new Project.
func (p *Project) NewRenderer() *Renderer { return &Renderer{p: p, pd: dates.NewPages(p.Tree)} }

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
	db, err := p.prepareDoc(s, msgLocales, opt, r.pd)
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
	if p.Formats.For(path.Base(rel)) != nil {
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
func (p *Project) ReadFile(rel string) ([]byte, error) { return p.WS.ReadFile(rel) }

// Message is one message of a document in a locale as a translator works
// on it (see package msgedit).
type Message = msgedit.Message

// StaleError is an edit of a message that changed since it was read.
type StaleError = msgedit.StaleError

// MarkupError is a translation that breaks its segment's markup.
type MarkupError = msgedit.MarkupError

// editor edits the project's messages with quipu check's checks.
func (p *Project) editor() *msgedit.Editor { return &msgedit.Editor{Tree: p.Tree, Checks: checks} }

// Messages lists a document's messages in a target locale, with what
// check finds in each (see msgedit.Editor.Messages).
func (p *Project) Messages(s Source, locale string, mem *tm.Memory) ([]Message, error) {
	return p.editor().Messages(s, locale, mem)
}

// CheckDraft is what check would report of a message translated as text.
func (p *Project) CheckDraft(s Source, locale, id, text string) ([]pipeline.Problem, error) {
	return p.editor().CheckDraft(s, locale, id, text)
}

// SetMessage writes one message under the project's lock (see
// msgedit.Editor.SetMessage).
func (p *Project) SetMessage(s Source, locale, id, text string, state catalog.State, version string) (string, []pipeline.Problem, error) {
	return p.editor().SetMessage(s, locale, id, text, state, version)
}
