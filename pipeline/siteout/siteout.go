// Package siteout places each locale's built Markdown where a site
// generator (Hugo, Docusaurus, MkDocs) reads it, as quipu.toml's [site]
// table says, and removes what an earlier build placed and no build wants.
package siteout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/site"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// siteState is where a build lists the pages it placed in the site, so
// the next one removes those nobody wants any more.
const siteState = config.CacheDir + "/site.json"

type placed struct {
	Path   string `json:"path"`
	Locale string `json:"locale"`
}

// Staged is what Stage added to a build's batch: the plan, whose
// removals Finish makes once the batch is committed, and the list of
// placed pages to keep.
type Staged struct {
	plan  site.Plan
	kept  []placed
	on    bool
	pages int
}

// Pages is how many pages the site holds from this build, added to the
// batch now or already in place and unchanged, so that build counts its
// files alike on every run (as it counts output/'s).
func (s Staged) Pages() int { return s.pages }

// Stage adds to the build's batch the Markdown the build made for each
// target locale, where the site's generator reads it, marked as quipu's.
// built returns a page the build made and has not committed yet, by its
// output path; other pages are read from output. Every place is checked
// before anything is written: a file there that quipu did not write
// stops the build, which then aborts its batch with every file as it was;
// a killed build's placed pages are recovered with its outputs (see
// OwnedBy).
func Stage(p *tree.Tree, sources []tree.Source, reports []*cache.Report, locales []string, drafts bool, shard tree.Shard, batch *fsutil.Batch, built func(out string) ([]byte, bool)) (Staged, error) {
	if !p.Config.Site.Enabled() {
		return Staged{}, nil
	}
	want, err := sitePages(p, sources, reports, locales, drafts, built)
	if err != nil {
		return Staged{}, err
	}
	previous, kept := placedBefore(p, locales, shard)
	plan, err := site.MakePlan(want, previous, p.WS.ReadFile)
	if err != nil {
		return Staged{}, err
	}
	var errs []string
	for _, f := range plan.Write {
		name, err := sitePath(p, f.Path)
		if err == nil {
			_, err = batch.Add(name, f.Data)
		}
		if err != nil {
			errs = append(errs, fmt.Sprintf("write %s: %v", f.Path, err))
		}
	}
	if len(errs) > 0 {
		return Staged{}, errors.New(strings.Join(errs, "\n"))
	}
	for _, f := range want {
		kept = append(kept, placed{f.Path, f.Locale})
	}
	return Staged{plan: plan, kept: kept, on: true, pages: len(want)}, nil
}

// Finish removes the pages placed before that no document or locale
// wants any more (when the build covered every document), once the batch
// that wrote the others is committed, and keeps the list of placed pages
// for the next build. A run killed before it leaves pages a clean run
// would have removed; the next build removes them.
func Finish(p *tree.Tree, s Staged, log io.Writer) error {
	if !s.on {
		return nil
	}
	failed := removeUnwanted(p, s.plan, log)
	if err := savePlaced(p, s.kept); err != nil {
		failed = append(failed, err.Error())
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "\n"))
	}
	return nil
}

// OwnedBy wraps the check Recover makes of each file a build's journal
// lists (inOutput, for its pages in output) to accept a page placed in
// the site too.
func OwnedBy(p *tree.Tree, inOutput func(string) error) func(string) error {
	return func(name string) error {
		err := inOutput(name)
		if err == nil || !p.Config.Site.Enabled() {
			return err
		}
		rel, rerr := filepath.Rel(p.Root, name)
		if rerr != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !p.Config.Site.Placeable(p.Config.Content, rel) {
			return err
		}
		if _, perr := sitePath(p, rel); perr != nil {
			return perr
		}
		return nil
	}
}

// sitePages are the pages the build places: each published Markdown
// page, in each locale built that the site has a place for.
func sitePages(p *tree.Tree, sources []tree.Source, reports []*cache.Report, locales []string, drafts bool, built func(string) ([]byte, bool)) ([]site.File, error) {
	cfg := p.Config.Site
	var want []site.File
	var errs pipeline.ErrorList
	for i, s := range sources {
		if f := p.Formats.For(s.Rel); f == nil || !slices.Contains(f.Outputs(), output.Markdown) || !site.Reads(s.Rel) {
			continue
		}
		if reports[i] == nil || reports[i].Draft && !drafts {
			continue
		}
		for _, l := range locales {
			dst, ok := cfg.Place(p.Config.Content, s.Rel, l)
			if !ok || l == p.Config.SourceLocale {
				continue
			}
			if _, err := sitePath(p, dst); err != nil {
				errs.Add(err)
				continue
			}
			out := p.OutputPath(l, s, output.Markdown.Ext())
			var md []byte
			var err error
			if v, ok := built(out); ok {
				md = bytes.Clone(v) // built now, not yet committed
			} else if md, err = p.WS.ReadFile(out); err != nil {
				errs.Add(err)
				continue
			}
			if lang := cfg.Languages[l]; lang != "" {
				md = markdown.SetLang(md, lang)
			}
			want = append(want, site.File{Path: dst, Locale: l, Data: site.Mark(md, p.ContentPath(s))})
		}
	}
	return want, errs.Err()
}

// placedBefore reads the pages earlier builds placed: those this build
// may find unwanted (previous), and those it leaves as they are (kept:
// another locale's, or all of them when it built one shard).
func placedBefore(p *tree.Tree, locales []string, shard tree.Shard) (previous []string, kept []placed) {
	var before []placed
	if data, err := p.WS.ReadFile(siteState); err == nil {
		_ = json.Unmarshal(data, &before) // unreadable: nothing to remove
	}
	for _, b := range before {
		if !p.Config.Site.Placeable(p.Config.Content, b.Path) {
			continue // no page a build places: not quipu's to remove
		}
		// Only a build of every document and of the page's locale knows
		// the page is no longer wanted.
		if shard.Count <= 1 && slices.Contains(locales, b.Locale) {
			previous = append(previous, b.Path)
		} else {
			kept = append(kept, b)
		}
	}
	return previous, kept
}

// removeUnwanted removes what the plan says, and returns what failed.
func removeUnwanted(p *tree.Tree, plan site.Plan, log io.Writer) []string {
	var failed []string
	for _, r := range plan.Remove {
		name, err := sitePath(p, r)
		if err == nil {
			err = os.Remove(name)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			failed = append(failed, fmt.Sprintf("remove %s: %v", r, err))
		} else if log != nil {
			fmt.Fprintf(log, "%s: removed (no published document places a page there now)\n", r)
		}
	}
	return failed
}

// savePlaced keeps the list of placed pages for the next build.
func savePlaced(p *tree.Tree, list []placed) error {
	slices.SortFunc(list, func(a, b placed) int { return strings.Compare(a.Path, b.Path) })
	list = slices.Compact(list)
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	name, err := p.Path(siteState)
	if err != nil {
		return err
	}
	return fsutil.WriteFast(name, append(data, '\n'))
}

// sitePath is the file system path of a place in the site: inside the
// project, and never in a folder quipu keeps its own files in.
func sitePath(p *tree.Tree, rel string) (string, error) {
	for _, dir := range []string{p.Config.LocalesDir, p.Config.Output, config.CacheDir, p.Config.Templates} {
		if dir != "" && (rel == path.Clean(dir) || strings.HasPrefix(rel, path.Clean(dir)+"/")) {
			return "", fmt.Errorf("%s: inside %s, where quipu keeps its own files", rel, dir)
		}
	}
	return p.WS.Path(rel)
}
