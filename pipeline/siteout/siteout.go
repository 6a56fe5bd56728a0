// Package siteout places each locale's built Markdown where a site
// generator (Hugo, Docusaurus, MkDocs) reads it, as quipu.toml's [site]
// table says, and removes what an earlier build placed and no build wants.
package siteout

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
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

// Place writes the Markdown the build made for each target locale
// where the site's generator reads it, marked as quipu's, and returns how
// many pages it wrote. Every place is checked before anything is written:
// a file there that quipu did not write stops it. Pages placed before
// that no document or locale wants any more are removed, when the build
// covered every document.
func Place(p *tree.Tree, sources []tree.Source, reports []*cache.Report, locales []string, drafts bool, shard tree.Shard, log io.Writer) (int, error) {
	if !p.Config.Site.Enabled() {
		return 0, nil
	}
	want, err := sitePages(p, sources, reports, locales, drafts)
	if err != nil {
		return 0, err
	}
	previous, kept := placedBefore(p, locales, shard)
	plan, err := site.MakePlan(want, previous, p.WS.ReadFile)
	if err != nil {
		return 0, err
	}
	failed := applySite(p, plan, log)
	for _, f := range want {
		kept = append(kept, placed{f.Path, f.Locale})
	}
	if err := savePlaced(p, kept); err != nil {
		failed = append(failed, err.Error())
	}
	if len(failed) > 0 {
		return len(plan.Write), errors.New(strings.Join(failed, "\n"))
	}
	return len(plan.Write), nil
}

// sitePages are the pages the build places: each published Markdown
// page, in each locale built that the site has a place for.
func sitePages(p *tree.Tree, sources []tree.Source, reports []*cache.Report, locales []string, drafts bool) ([]site.File, error) {
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
			md, err := p.WS.ReadFile(p.OutputPath(l, s, output.Markdown.Ext()))
			if err != nil {
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

// applySite writes and removes what the plan says, and returns what
// failed.
func applySite(p *tree.Tree, plan site.Plan, log io.Writer) []string {
	var failed []string
	for _, f := range plan.Write {
		name, err := sitePath(p, f.Path)
		if err == nil {
			err = fsutil.WriteFast(name, f.Data)
		}
		if err != nil {
			failed = append(failed, fmt.Sprintf("write %s: %v", f.Path, err))
		}
	}
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
