// Package project runs quipu's commands over a project folder (sync, build,
// status, check, export, import): it orchestrates the packages that do
// each stage.
package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/page"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// Project is a folder with content/, locales/ and output/.
type Project struct {
	Root   string
	Config config.Config

	ws      *workspace.Workspace // every path read or written goes through it
	formats *format.Registry     // chooses each document's format by name

	env *syncEnv // built on first use by tools that rewrite message files

	// staged holds the assets a build staged so far (see copyAssets).
	staged *sync.Map

	tmplOnce sync.Once
	tmpl     *page.Template
	tmplErr  error

	foreignOnce sync.Once
	foreignList []string
}

// LockFile is where a run that writes files holds the project's lock.
const LockFile = ".quipu/lock"

// lock keeps other quipu runs out of the project until released.
// A folder without content is no project yet: a run that fails there
// leaves it as it was, without a .quipu folder.
func (p *Project) lock() (*lock.Lock, error) {
	if _, err := os.Stat(p.abs(p.Config.Content)); errors.Is(err, fs.ErrNotExist) {
		return nil, p.noContent()
	}
	return p.lockNew()
}

// lockNew is lock for a run that may create the project's content, as
// import does.
func (p *Project) lockNew() (*lock.Lock, error) {
	name, err := p.path(LockFile)
	if err != nil {
		return nil, err
	}
	return lock.Acquire(name)
}

// noContent is the error of a project without its content folder.
func (p *Project) noContent() error {
	return fmt.Errorf("%s: no content folder (create it, or set content in %s)", p.Config.Content, config.File)
}

// Open reads the project's configuration.
func Open(root string) (*Project, error) {
	ws, err := workspace.Open(root)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Read(ws)
	if err != nil {
		return nil, err
	}
	ws.SetAreas(cfg.Areas())
	return &Project{Root: root, Config: cfg, ws: ws, formats: newFormats(cfg)}, nil
}

// Source is a document file under the content folder.
type Source struct {
	Rel string // slash-separated, relative to the content folder
}

// Sources lists the documents under the content folder, sorted. Every
// command starts with it, so it walks the tree itself: no path is joined,
// made relative or sorted twice.
func (p *Project) Sources() ([]Source, error) {
	out, err := p.listSources()
	if err == nil {
		err = p.sharedStems(out)
	}
	return out, err
}

// listSources is Sources without the check that no two documents share
// message files.
func (p *Project) listSources() ([]Source, error) {
	// Every command starts here: what links lead to is looked at afresh.
	p.ws.Forget()
	realRoot, err := p.ws.Resolve(p.Config.Content)
	if err != nil {
		return nil, err
	}
	var out []Source
	type refusal struct{ rel, msg string }
	var refused []refusal
	consider := func(rel string, d fs.DirEntry) {
		if p.formats.For(d.Name()) == nil {
			return // an asset, copied where pages need it
		}
		switch mode := d.Type(); {
		case mode&fs.ModeSymlink != 0:
			// A link may point anywhere: quipu reads only what lies in
			// the content folder, whatever the link says.
			target, err := p.ws.Resolve(path.Join(p.Config.Content, rel))
			if err != nil || !workspace.Within(realRoot, target) {
				refused = append(refused, refusal{rel, path.Join(p.Config.Content, rel) + ": a symbolic link to a file outside " + p.Config.Content})
				return
			}
			if fi, err := os.Stat(target); err == nil && !fi.Mode().IsRegular() {
				refused = append(refused, refusal{rel, (&workspace.NotRegularError{Path: path.Join(p.Config.Content, rel), Mode: fi.Mode()}).Error()})
				return
			}
		case !mode.IsRegular():
			// Reading a named pipe would wait forever, a device never end.
			refused = append(refused, refusal{rel, (&workspace.NotRegularError{Path: path.Join(p.Config.Content, rel), Mode: mode}).Error()})
			return
		}
		out = append(out, Source{Rel: rel})
	}
	// walk lists a folder, its entries in any order: the documents are
	// sorted once at the end.
	var walk func(dir, rel string) error
	walk = func(dir, rel string) error {
		f, err := os.Open(dir)
		if err != nil {
			return err
		}
		entries, err := f.ReadDir(-1)
		f.Close()
		if err != nil {
			return err
		}
		for _, d := range entries {
			name := d.Name()
			r := name
			if rel != "" {
				r = rel + "/" + name
			}
			if !d.IsDir() {
				consider(r, d)
			} else if !strings.HasPrefix(name, ".") {
				if err := walk(dir+string(filepath.Separator)+name, r); err != nil {
					return err
				}
			}
		}
		return nil
	}
	// The content folder itself may be a link that stays in the project.
	fi, err := os.Stat(realRoot)
	switch {
	case err != nil:
	case fi.IsDir():
		err = walk(realRoot, "")
	default:
		consider(".", fs.FileInfoToDirEntry(fi))
	}
	if err == nil && len(refused) > 0 {
		// In the order of the tree: each folder's names sorted, depth first.
		slices.SortFunc(refused, func(a, b refusal) int {
			return slices.Compare(strings.Split(a.rel, "/"), strings.Split(b.rel, "/"))
		})
		msgs := make([]string, len(refused))
		for i, r := range refused {
			msgs[i] = r.msg
		}
		err = errors.New(strings.Join(msgs, "\n"))
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, p.noContent()
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Rel, b.Rel) })
	return out, err
}

func (p *Project) abs(rel string) string { return filepath.Join(p.Root, filepath.FromSlash(rel)) }

// ContentPath is the project-relative path of a document, as messages and
// errors name it.
func (p *Project) ContentPath(s Source) string { return path.Join(p.Config.Content, s.Rel) }

// Load reads and splits a document.
func (p *Project) Load(s Source) (*pipeline.Document, error) {
	name := p.ContentPath(s)
	src, err := p.ws.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if off := pipeline.InvalidUTF8(src); off >= 0 {
		return nil, pipeline.ErrorAt(name, src, off, "invalid UTF-8 at byte offset %d", off)
	}
	if off := bytes.IndexByte(src, 0); off >= 0 {
		// Markdown turns NUL into U+FFFD: the document is binary or damaged.
		return nil, pipeline.ErrorAt(name, src, off, "NUL byte at byte offset %d (a text document has none)", off)
	}
	doc, err := p.extract(name, src)
	if doc != nil {
		doc.Key = stem(s.Rel) // unique: sharedStems refuses two documents with one
	}
	return doc, err
}

// stem is a document's path without its extension.
func stem(rel string) string { return strings.TrimSuffix(rel, path.Ext(rel)) }

// MessagePath is the project-relative path of a document's message file:
// locales/<locale>/<doc path>.<locale>.toml, the layout go-i18n's
// LoadMessageFile reads the locale from.
func (p *Project) MessagePath(locale string, s Source) string {
	return path.Join(p.Config.LocalesDir, locale, stem(s.Rel)+"."+locale+".toml")
}

// ObsoletePath holds the translations of segments that left the document,
// kept for reuse.
func (p *Project) ObsoletePath(locale string, s Source) string {
	return path.Join(p.Config.LocalesDir, locale, stem(s.Rel)+".obsolete."+locale+".toml")
}

// OutputPath is where a built document goes, ext being its output's
// (output.Output.Ext).
func (p *Project) OutputPath(locale string, s Source, ext string) string {
	return path.Join(p.Config.Output, locale, stem(s.Rel)+ext)
}

// readMessages reads a message file; a missing file is no error.
func (p *Project) readMessages(rel string) (*catalog.File, error) {
	data, err := p.ws.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return catalog.Parse(rel, data)
}

// loadEach loads each source in order and calls fn with it; the documents
// that cannot be read, and what fn adds to errs, are reported together.
func (p *Project) loadEach(sources []Source, fn func(s Source, doc *pipeline.Document, errs *pipeline.ErrorList)) error {
	var errs pipeline.ErrorList
	for _, s := range sources {
		doc, err := p.Load(s)
		if err != nil {
			errs.Add(err)
			continue
		}
		fn(s, doc, &errs)
	}
	return errs.Err()
}

// eachDocument calls fn for every document and locale with the
// document's message files along the locale's fallback chain (by locale;
// nil or absent when it has none yet), in document order; unreadable
// documents and files are reported together.
func (p *Project) eachDocument(locales []string, fn func(doc *pipeline.Document, s Source, locale string, files map[string]*catalog.File)) error {
	sources, err := p.Sources()
	if err != nil {
		return err
	}
	return p.loadEach(sources, func(s Source, doc *pipeline.Document, errs *pipeline.ErrorList) {
		files := map[string]*catalog.File{}
		if err := p.readChain(s, locales, files); err != nil {
			errs.Add(err)
			return
		}
		for _, locale := range locales {
			fn(doc, s, locale, files)
		}
	})
}

// checkLocaleFolders reports message folders of locales the configuration
// does not use (neither the source, a target, nor a fallback of one): their
// files would be silently ignored.
func (p *Project) checkLocaleFolders() error {
	used := map[string]bool{p.Config.SourceLocale: true}
	for _, l := range p.Config.Locales {
		for _, c := range p.Config.Chain(l) {
			used[c] = true
		}
	}
	if err := p.confineLocales(slices.Sorted(maps.Keys(used))); err != nil {
		return err
	}
	entries, err := os.ReadDir(p.abs(p.Config.LocalesDir))
	if err != nil {
		return nil // no message folder yet
	}
	var errs []string
	for _, e := range entries {
		if !e.IsDir() || used[e.Name()] {
			continue
		}
		if _, err := language.Parse(e.Name()); err != nil {
			continue // not a locale folder
		}
		errs = append(errs, fmt.Sprintf("%s: message files for %s, a locale %s does not list (locales = %q): add it, or move the folder away",
			path.Join(p.Config.LocalesDir, e.Name()), e.Name(), config.File, p.Config.Locales))
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}
