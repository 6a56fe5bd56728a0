// Package interop carries a project's translations to other tools and
// back: XLIFF and PO files per document for translation tools, translation
// memory as TMX, drafts from machine translation and from existing
// translated documents, and plain-text articles imported as documents.
package interop

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/po"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
	"github.com/quipu-l10n/quipu/pipeline/xliff"
)

// ExchangeOptions tune ExportXLIFF and ExportPO.
type ExchangeOptions struct {
	// Locale to export; empty means the first target locale.
	Locale string
	// Dir receives one file per document, named after it. A relative Dir
	// is inside the project; empty means xliff/<locale> or po/<locale>.
	Dir string
	// Log receives one line per file written.
	Log io.Writer
}

// ImportOptions tune ImportXLIFF and ImportPO.
type ImportOptions struct {
	// Force overwrites translations changed in the message files since
	// the export.
	Force bool
	// DryRun checks everything and writes nothing.
	DryRun bool
	// Log receives one line per message file changed.
	Log io.Writer
}

// ImportResult sums up an import.
type ImportResult struct {
	Documents int      // documents the imported files spoke of
	Changed   []string // message files written (or that would be)
	exchange.Outcome
}

// run is one command's work on a project, with what a sync offers
// translators, read once when first needed.
type run struct {
	*tree.Tree
	env *syncer.Env
}

func newRun(t *tree.Tree) *run { return &run{Tree: t} }

// syncOptions returns the sync options of a locale, so that the message
// files an import writes come out as sync would write them.
func (p *run) syncOptions(locale string) (catalog.Options, error) {
	if p.env == nil {
		env, err := syncer.NewEnv(p.Tree)
		if err != nil {
			return catalog.Options{}, err
		}
		p.env = env
	}
	return p.env.Options(locale), nil
}

// ExportXLIFF writes one XLIFF 2.0 file per document for a translation
// tool, and returns their paths.
func ExportXLIFF(t *tree.Tree, opt ExchangeOptions) ([]string, error) {
	return newRun(t).export(opt, "xliff", ".xlf", xliff.Encode)
}

// ExportPO writes one gettext PO file per document for a translation
// tool, and returns their paths.
func ExportPO(t *tree.Tree, opt ExchangeOptions) ([]string, error) {
	return newRun(t).export(opt, "po", ".po", func(f *exchange.File) ([]byte, error) { return po.Encode(f), nil })
}

// ImportXLIFF merges translated XLIFF files (paths as the caller names
// them) into the message files. Every unit of every file is checked
// first; any problem, or any translation changed in a message file since
// the export (unless Force), stops the import before anything is written.
func ImportXLIFF(t *tree.Tree, paths []string, opt ImportOptions) (*ImportResult, error) {
	return newRun(t).importFiles(paths, opt, xliff.Decode)
}

// ImportPO merges translated PO files into the message files, with the
// same checks as ImportXLIFF.
func ImportPO(t *tree.Tree, paths []string, opt ImportOptions) (*ImportResult, error) {
	return newRun(t).importFiles(paths, opt, func(name string, data []byte) ([]*exchange.Returned, error) {
		r, err := po.Decode(name, data)
		if r == nil {
			return nil, err
		}
		return []*exchange.Returned{r}, err
	})
}

func (p *run) export(opt ExchangeOptions, folder, ext string, encode func(*exchange.File) ([]byte, error)) ([]string, error) {
	locale, err := p.targetLocale(opt.Locale)
	if err != nil {
		return nil, err
	}
	dir := opt.Dir
	if dir == "" {
		dir = path.Join(folder, locale)
	}
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	// The glossary goes with every unit, as sync puts it beside every
	// message: a CAT tool's translator must see the same required terms.
	gl, err := p.Glossary()
	if err != nil {
		return nil, err
	}
	annotate := func(seg *pipeline.Segment, _ *catalog.Message) []string {
		if note := gl.Note(placeholder.Strip(seg.Text)); note != "" {
			return []string{note}
		}
		return nil
	}
	var errs pipeline.ErrorList
	var names []string
	writes := map[string][]byte{}
	for _, s := range sources {
		doc, err := p.Load(s)
		if err != nil {
			errs.Add(err)
			continue
		}
		f, parsed, err := p.inStep(doc, s, locale)
		if err != nil {
			errs.Add(err)
			continue
		}
		ex := exchange.New(doc, f, p.Config.SourceLocale, annotate)
		p.exportVerdicts(doc, s, locale, parsed, ex)
		data, err := encode(ex)
		if err != nil {
			errs.Add(err)
			continue
		}
		name := filepath.Join(dir, filepath.FromSlash(tree.Stem(s.Rel)+ext))
		if !filepath.IsAbs(dir) {
			name = path.Join(filepath.ToSlash(dir), tree.Stem(s.Rel)+ext)
		}
		names = append(names, name)
		writes[name] = data
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		file := name
		if !filepath.IsAbs(file) {
			if file, err = p.Path(name); err != nil {
				return nil, err
			}
		}
		if err := fsutil.WriteDurable(file, writes[name]); err != nil {
			return nil, fmt.Errorf("write %s: %w", name, err)
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "write %s\n", name)
		}
	}
	return names, nil
}

// exportVerdicts gives an export's units the build's verdicts, from the
// one resolution every command counts with: a translation the build
// rejects goes out as work to do with the reason at its place in the
// message file (as check and build report it), and one the page shows
// from another locale of the chain goes out as that translation.
func (p *run) exportVerdicts(doc *pipeline.Document, s tree.Source, locale string, parsed *catalog.File, ex *exchange.File) {
	files := map[string]*catalog.File{locale: parsed}
	// A fallback file that cannot be read is the build's to report: the
	// export speaks of this locale's file, and reads the chain without it.
	_ = localized.ReadChain(p.Tree, s, []string{locale}, files)
	rd := localized.Resolve(p.Tree, doc, s, locale, files, localized.EveryDraft)
	byID := make(map[string]*resolve.Resolution, len(doc.Segments))
	for i, seg := range doc.Segments {
		if byID[seg.ID] == nil {
			byID[seg.ID] = &rd.Res[i]
		}
	}
	for _, u := range ex.Units {
		if m := parsed.Lookup(u.ID); m != nil {
			u.TargetPos = pipeline.Position{File: parsed.Path, Line: m.OtherLine, Col: m.OtherCol}
		}
		r := byID[u.ID]
		if r == nil {
			continue
		}
		switch {
		case r.Verdict == resolve.Rejected:
			u.Rejected = true
			for _, pr := range r.Problems {
				if pr.Severity == pipeline.SeverityError {
					u.Notes = append(u.Notes, fmt.Sprintf("rejected by the build, which shows the English: %s: %s", r.Refused.Pos(pr.Offset), pr.Msg))
				}
			}
		case u.Target == "" && r.Verdict == resolve.Translated && r.From.Locale != locale:
			u.FallBack(r.Text)
			u.Notes = append(u.Notes, fmt.Sprintf("the %s translation, which %s pages show for want of their own: edit it to give %s its own", r.From.Locale, locale, locale))
		}
	}
}

// inStep returns the message file of a document, parsed as written and
// as sync would write it, which must be the same bytes: exports and
// imports speak of the current segments only.
func (p *run) inStep(doc *pipeline.Document, s tree.Source, locale string) (current, parsed *catalog.File, err error) {
	tPath := p.MessagePath(locale, s)
	if err := p.inside(tPath); err != nil {
		return nil, nil, err
	}
	data, err := p.WS.ReadFile(tPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("%s: no message file for %s: run `quipu sync` first", tPath, p.ContentPath(s))
	}
	if err != nil {
		return nil, nil, err
	}
	parsed, err = catalog.Parse(tPath, data)
	if err != nil {
		return nil, nil, err
	}
	oPath := p.ObsoletePath(locale, s)
	if err := p.inside(oPath); err != nil {
		return nil, nil, err
	}
	obs, err := p.ReadMessages(oPath)
	if err != nil {
		return nil, nil, err
	}
	opts, err := p.syncOptions(locale)
	if err != nil {
		return nil, nil, err
	}
	current, _, _ = catalog.Sync(doc, syncer.WithObsolete(parsed, obs), tPath, locale, opts)
	if !bytes.Equal(catalog.Format(current), data) {
		return nil, nil, fmt.Errorf("%s: not in step with %s: run `quipu sync` first", tPath, p.ContentPath(s))
	}
	return current, parsed, nil
}

// targetLocale checks a locale named by the user, "" meaning the first.
func (p *run) targetLocale(locale string) (string, error) {
	var asked []string
	if locale != "" {
		asked = []string{locale}
	}
	selected, err := p.Config.SelectLocales(asked, true)
	if err != nil {
		return "", err
	}
	if len(selected) == 0 {
		return "", fmt.Errorf("%s: no target locales", config.File)
	}
	return selected[0], nil
}

type importJob struct {
	src   tree.Source
	doc   *pipeline.Document
	file  *catalog.File
	path  string
	first pipeline.Position
}

func (p *run) importFiles(paths []string, opt ImportOptions, decode func(string, []byte) ([]*exchange.Returned, error)) (*ImportResult, error) {
	if !opt.DryRun {
		release, err := p.lockMessages()
		if err != nil {
			return nil, err
		}
		defer release()
	}
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	known := map[string]tree.Source{}
	for _, s := range sources {
		known[p.ContentPath(s)] = s
	}
	res := &ImportResult{Changed: []string{}} // a list, even empty, for --json
	var errs pipeline.ErrorList
	jobs := map[string]*importJob{}
	var order []string
	for _, name := range paths {
		data, err := os.ReadFile(name)
		if err != nil {
			errs.Add(err)
			continue
		}
		rets, err := decode(name, data)
		if err != nil {
			errs.Add(err) // and check what could be read, to report it all
		}
		for _, r := range rets {
			if r.Document == "" || r.Locale == "" {
				continue // the decoder reported it
			}
			s, err := p.sourceNamed(r.Document, known)
			if err != nil {
				errs.Add(&pipeline.Error{Pos: r.Pos, Msg: err.Error()})
				continue
			}
			if r.SourceLocale != "" && r.SourceLocale != p.Config.SourceLocale {
				errs.Add(&pipeline.Error{Pos: r.Pos, Msg: fmt.Sprintf("source language %q is not the project's (%s)", r.SourceLocale, p.Config.SourceLocale)})
				continue
			}
			if _, err := p.targetLocale(r.Locale); err != nil {
				errs.Add(&pipeline.Error{Pos: r.Pos, Msg: fmt.Sprintf("locale %q is not a target locale of this project (%s lists %s)", r.Locale, config.File, strings.Join(p.Config.Locales, ", "))})
				continue
			}
			key := r.Locale + "\x00" + s.Rel
			j := jobs[key]
			if j != nil {
				errs.Add(&pipeline.Error{Pos: r.Pos, Msg: fmt.Sprintf("%s (%s) was already imported from %s", r.Document, r.Locale, j.first)})
				continue
			}
			doc, err := p.Load(s)
			if err != nil {
				errs.Add(err)
				continue
			}
			f, _, err := p.inStep(doc, s, r.Locale)
			if err != nil {
				errs.Add(err)
				continue
			}
			j = &importJob{src: s, doc: doc, file: f, path: p.MessagePath(r.Locale, s), first: r.Pos}
			jobs[key] = j
			order = append(order, key)
			out, merrs := exchange.Merge(doc, f, r, opt.Force)
			res.Documents++
			res.Updated += out.Updated
			res.Unchanged += out.Unchanged
			res.Empty += out.Empty
			res.Conflicts += out.Conflicts
			if len(merrs) > 0 {
				errs.Add(merrs)
			}
		}
	}
	if err := errs.Err(); err != nil {
		return res, err
	}
	writes := map[string][]byte{}
	for _, key := range order {
		j := jobs[key]
		locale, _, _ := strings.Cut(key, "\x00")
		opts, err := p.syncOptions(locale)
		if err != nil {
			return res, err
		}
		res.Changed = p.stage(j.doc, j.file, j.path, locale, opts, writes, res.Changed)
	}
	verb, err := p.writeStaged(res.Changed, writes, opt.DryRun)
	if err != nil {
		return res, err
	}
	if opt.Log != nil {
		for _, name := range res.Changed {
			fmt.Fprintf(opt.Log, "%s %s\n", verb, name)
		}
	}
	return res, nil
}

// sourceNamed finds the document an imported file names. The name comes
// from a file that travelled outside the project, so it must be a clean
// relative path to one of the project's documents: never "..", an
// absolute path, or a backslash path that would lead elsewhere.
func (p *run) sourceNamed(name string, known map[string]tree.Source) (tree.Source, error) {
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "" ||
		path.Clean(name) != name || name == ".." || strings.HasPrefix(name, "../") {
		return tree.Source{}, fmt.Errorf("document %q: not a clean relative path inside the project", name)
	}
	s, ok := known[name]
	if !ok {
		return tree.Source{}, fmt.Errorf("document %q is not a document of this project (under %s/)", name, p.Config.Content)
	}
	return s, nil
}

// inside checks that a project-relative path, symbolic links resolved as
// far as it exists, stays inside the project folder.
func (p *run) inside(rel string) error {
	_, err := p.WS.Resolve(rel)
	return err
}
