package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/page"
)

// Project is a folder with content/, locales/ and output/.
type Project struct {
	Root   string
	Config Config

	formats *format.Registry // chooses each document's format by name
	env     *syncEnv         // built on first use by tools that rewrite message files

	tmplOnce sync.Once
	tmpl     *page.Template
	tmplErr  error
}

// LockFile is where a run that writes files holds the project's lock.
const LockFile = ".quipu/lock"

// lock keeps other quipu runs out of the project until released.
func (p *Project) lock() (*lock.Lock, error) {
	return lock.Acquire(filepath.Join(p.Root, filepath.FromSlash(LockFile)))
}

// Open reads the project's configuration.
func Open(root string) (*Project, error) {
	cfg, err := LoadConfig(root)
	if err != nil {
		return nil, err
	}
	return &Project{Root: root, Config: cfg, formats: newFormats(cfg)}, nil
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
	root := p.abs(p.Config.Content)
	realRoot, rerr := filepath.EvalSymlinks(root)
	if rerr != nil {
		realRoot = root
	}
	var out []Source
	var escapes []string
	consider := func(file func() string, rel string, d fs.DirEntry) {
		if p.formats.For(d.Name()) == nil {
			return // an asset, copied where pages need it
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link may point anywhere: quipu reads only what lies in
			// the content folder, whatever the link says.
			target, err := filepath.EvalSymlinks(file())
			if in, _ := filepath.Rel(realRoot, target); err != nil || in == ".." || strings.HasPrefix(in, ".."+string(filepath.Separator)) || filepath.IsAbs(in) {
				escapes = append(escapes, rel)
				return
			}
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
			file := func() string { return dir + string(filepath.Separator) + name }
			r := name
			if rel != "" {
				r = rel + "/" + name
			}
			if !d.IsDir() {
				consider(file, r, d)
			} else if !strings.HasPrefix(name, ".") {
				if err := walk(file(), r); err != nil {
					return err
				}
			}
		}
		return nil
	}
	fi, err := os.Lstat(root)
	switch {
	case err != nil:
	case fi.IsDir():
		err = walk(root, "")
	default: // not a folder: a link to one is not followed
		consider(func() string { return root }, ".", fs.FileInfoToDirEntry(fi))
	}
	if err == nil && len(escapes) > 0 {
		// In the order of the tree: each folder's names sorted, depth first.
		slices.SortFunc(escapes, func(a, b string) int {
			return slices.Compare(strings.Split(a, "/"), strings.Split(b, "/"))
		})
		for i, rel := range escapes {
			escapes[i] = fmt.Sprintf("%s: a symbolic link to a file outside %s", path.Join(p.Config.Content, rel), p.Config.Content)
		}
		err = errors.New(strings.Join(escapes, "\n"))
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no content folder (create it, or set content in %s)", p.Config.Content, ConfigFile)
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
	src, err := os.ReadFile(p.abs(name))
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
	return p.extract(name, src)
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

// OutputPath is where a built document goes, ext being ".md" or ".html".
func (p *Project) OutputPath(locale string, s Source, ext string) string {
	return path.Join(p.Config.Output, locale, stem(s.Rel)+ext)
}

// readMessages reads a message file; a missing file is no error.
func (p *Project) readMessages(rel string) (*catalog.File, error) {
	data, err := os.ReadFile(p.abs(rel))
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
			path.Join(p.Config.LocalesDir, e.Name()), e.Name(), ConfigFile, p.Config.Locales))
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}
