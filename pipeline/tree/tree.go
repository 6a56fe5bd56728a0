// Package tree is a project's folders as quipu sees them: it lists and
// loads the documents under content/ and names where their message files
// and outputs live, every path going through the workspace.
package tree

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

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// Tree is a project folder with content/, locales/ and output/.
type Tree struct {
	Root   string
	Config config.Config

	WS      *workspace.Workspace // every path read or written goes through it
	Formats *format.Registry     // chooses each document's format by name
}

// LockFile is where a run that writes files holds the project's lock.
const LockFile = ".quipu/lock"

// Lock keeps other quipu runs out of the project until released.
// A folder without content is no project yet: a run that fails there
// leaves it as it was, without a .quipu folder.
func (p *Tree) Lock() (*lock.Lock, error) {
	if _, err := os.Stat(p.Abs(p.Config.Content)); errors.Is(err, fs.ErrNotExist) {
		return nil, p.NoContent()
	}
	return p.LockNew()
}

// LockNew is Lock for a run that may create the project's content, as
// import does.
func (p *Tree) LockNew() (*lock.Lock, error) {
	name, err := p.Path(LockFile)
	if err != nil {
		return nil, err
	}
	return lock.Acquire(name)
}

// NoContent is the error of a project without its content folder.
func (p *Tree) NoContent() error {
	return fmt.Errorf("%s: no content folder (create it, or set content in %s)", p.Config.Content, config.File)
}

// Open reads the project's configuration.
func Open(root string) (*Tree, error) {
	ws, err := workspace.Open(root)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Read(ws)
	if err != nil {
		return nil, err
	}
	ws.SetAreas(cfg.Areas())
	return &Tree{Root: root, Config: cfg, WS: ws, Formats: NewFormats(cfg)}, nil
}

// Source is a document file under the content folder.
type Source struct {
	Rel string // slash-separated, relative to the content folder
}

// Sources lists the documents under the content folder, sorted. Every
// command starts with it, so it walks the tree itself: no path is joined,
// made relative or sorted twice.
func (p *Tree) Sources() ([]Source, error) {
	out, err := p.List()
	if err == nil {
		err = p.SharedStems(out)
	}
	return out, err
}

// List is Sources without the check that no two documents share
// message files.
func (p *Tree) List() ([]Source, error) {
	// Every command starts here: what links lead to is looked at afresh.
	p.WS.Forget()
	realRoot, err := p.WS.Resolve(p.Config.Content)
	if err != nil {
		return nil, err
	}
	var out []Source
	type refusal struct{ rel, msg string }
	var refused []refusal
	consider := func(rel string, d fs.DirEntry) {
		if p.Formats.For(d.Name()) == nil {
			return // an asset, copied where pages need it
		}
		if p.siteGenerated(rel, filepath.Join(realRoot, filepath.FromSlash(rel))) {
			return // a translation a build placed for the site
		}
		switch mode := d.Type(); {
		case mode&fs.ModeSymlink != 0:
			// A link may point anywhere: quipu reads only what lies in
			// the content folder, whatever the link says.
			target, err := p.WS.Resolve(path.Join(p.Config.Content, rel))
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
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a folder that leads out of the project is an
				// error at the link, as anywhere quipu reads.
				if fi, err := os.Stat(dir + string(filepath.Separator) + name); err == nil && fi.IsDir() {
					if _, err := p.WS.Resolve(path.Join(p.Config.Content, r)); err != nil {
						refused = append(refused, refusal{r, err.Error()})
					}
					continue
				}
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
		return nil, p.NoContent()
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Rel, b.Rel) })
	return out, err
}

func (p *Tree) Abs(rel string) string { return filepath.Join(p.Root, filepath.FromSlash(rel)) }

// ContentPath is the project-relative path of a document, as messages and
// errors name it.
func (p *Tree) ContentPath(s Source) string { return path.Join(p.Config.Content, s.Rel) }

// Load reads and splits a document.
func (p *Tree) Load(s Source) (*pipeline.Document, error) {
	name := p.ContentPath(s)
	src, err := p.WS.ReadFile(name)
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
	doc, err := p.Extract(name, src)
	if doc != nil {
		doc.Key = Stem(s.Rel) // unique: SharedStems refuses two documents with one
	}
	return doc, err
}

// Stem is a document's path without its extension.
func Stem(rel string) string { return strings.TrimSuffix(rel, path.Ext(rel)) }

// MessagePath is the project-relative path of a document's message file:
// locales/<locale>/<doc path>.<locale>.toml, the layout go-i18n's
// LoadMessageFile reads the locale from.
func (p *Tree) MessagePath(locale string, s Source) string {
	return path.Join(p.Config.LocalesDir, locale, Stem(s.Rel)+"."+locale+".toml")
}

// ObsoletePath holds the translations of segments that left the document,
// kept for reuse.
func (p *Tree) ObsoletePath(locale string, s Source) string {
	return path.Join(p.Config.LocalesDir, locale, Stem(s.Rel)+".obsolete."+locale+".toml")
}

// OutputPath is where a built document goes, ext being its output's
// (output.Output.Ext).
func (p *Tree) OutputPath(locale string, s Source, ext string) string {
	return path.Join(p.Config.Output, locale, Stem(s.Rel)+ext)
}

// ReadMessages reads a message file; a missing file is no error.
func (p *Tree) ReadMessages(rel string) (*catalog.File, error) {
	data, err := p.WS.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return catalog.Parse(rel, data)
}

// LoadEach loads each source in order and calls fn with it; the documents
// that cannot be read, and what fn adds to errs, are reported together.
func (p *Tree) LoadEach(sources []Source, fn func(s Source, doc *pipeline.Document, errs *pipeline.ErrorList)) error {
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

// CheckLocaleFolders reports message folders of locales the configuration
// does not use (neither the source, a target, nor a fallback of one): their
// files would be silently ignored.
func (p *Tree) CheckLocaleFolders() error {
	used := map[string]bool{p.Config.SourceLocale: true}
	for _, l := range p.Config.Locales {
		for _, c := range p.Config.Chain(l) {
			used[c] = true
		}
	}
	if err := p.ConfineLocales(slices.Sorted(maps.Keys(used))); err != nil {
		return err
	}
	entries, err := os.ReadDir(p.Abs(p.Config.LocalesDir))
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
