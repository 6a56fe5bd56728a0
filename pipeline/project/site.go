package project

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
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/site"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// The [site] table of quipu.toml: where a build places each locale's
// Markdown inside a Hugo, Docusaurus or MkDocs site (see pipeline/site).

var siteKeys = []string{"generator", "dirs", "languages"}

// siteWants says what a key of [site] takes.
func siteWants(key string) (string, bool) {
	switch {
	case key == "site":
		return `a table, like [site] then generator = "hugo"`, true
	case key == "site.generator":
		return `a generator in quotes: "hugo", "docusaurus" or "mkdocs"`, true
	case key == "site.dirs" || strings.HasPrefix(key, "site.dirs."):
		return `a table of folders, like [site.dirs] then "es-PE" = "content/es-pe"`, true
	case key == "site.languages" || strings.HasPrefix(key, "site.languages."):
		return `a table of the generator's language names, like [site.languages] then "es-PE" = "es-pe"`, true
	}
	return "", false
}

// checkSite checks [site]: its values, and that every locale's folder
// leads inside the project and apart from the folders quipu keeps its
// own files in, since a build writes there.
func (c *Config) checkSite(ws *workspace.Workspace, fail func(key, format string, args ...any)) {
	for key, msg := range c.Site.Check(c.Locales) {
		fail(key, "%s", msg)
	}
	for l, dir := range c.Site.Dirs {
		key := "site.dirs." + l
		to, err := ws.Resolve(dir)
		if err != nil {
			fail(key, "site.dirs.%s = %q: %v", l, dir, err)
			continue
		}
		for _, other := range []struct{ key, dir string }{{"content", c.Content}, {"locales_dir", c.LocalesDir}, {"output", c.Output}, {CacheDir, CacheDir}, {"templates", c.Templates}} {
			if other.dir == "" {
				continue
			}
			o, err := ws.Resolve(other.dir)
			if err != nil {
				continue
			}
			if other.key == "content" && workspace.Within(o, to) && o != to {
				continue // inside content: its files are skipped as documents
			}
			if workspace.Overlap(o, to) {
				fail(key, "site.dirs.%s = %q overlaps %s = %q: a locale's pages need a folder of their own", l, dir, other.key, other.dir)
			}
		}
	}
}

// siteAreas are the locales' folders of [site], so that a link there
// cannot lead a build to write elsewhere.
func (c *Config) siteAreas() []workspace.Area {
	var out []workspace.Area
	for _, l := range c.Site.Locales() {
		if d := c.Site.Dirs[l]; d != "" {
			out = append(out, workspace.Area{Dir: d})
		}
	}
	return out
}

// siteGenerated reports whether a file under content is a page a build
// placed there for a site (by its name, or by quipu's mark in its front
// matter): it is a translation, not a document.
func (p *Project) siteGenerated(rel, file string) bool {
	if !p.Config.Site.Enabled() {
		return false
	}
	if p.Config.Site.Generated(p.Config.Content, rel) {
		return true
	}
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return site.MarkedHead(head[:n])
}

// siteState is where a build lists the pages it placed in the site, so
// the next one removes those nobody wants any more.
const siteState = CacheDir + "/site.json"

type placed struct {
	Path   string `json:"path"`
	Locale string `json:"locale"`
}

// stageSite adds to the build's batch the Markdown the build made for
// each target locale, where the site's generator reads it, marked as
// quipu's. Every place is checked before anything is written: a file
// there that quipu did not write stops the build, with every file as it
// was. It returns the plan, whose removals finishSite makes once the
// batch is committed, and the list of placed pages to keep.
func (p *Project) stageSite(sources []Source, reports []*docReport, locales []string, opt BuildOptions, batch *fsutil.Batch) (site.Plan, []placed, error) {
	if !p.Config.Site.Enabled() {
		return site.Plan{}, nil, nil
	}
	want, err := p.sitePages(sources, reports, locales, opt.Drafts)
	if err != nil {
		return site.Plan{}, nil, err
	}
	previous, kept := p.placedBefore(locales, opt.Shard)
	plan, err := site.MakePlan(want, previous, p.ws.ReadFile)
	if err != nil {
		return site.Plan{}, nil, err
	}
	var errs []string
	for _, f := range plan.Write {
		name, err := p.sitePath(f.Path)
		if err == nil {
			_, err = batch.Add(name, f.Data)
		}
		if err != nil {
			errs = append(errs, fmt.Sprintf("write %s: %v", f.Path, err))
		}
	}
	if len(errs) > 0 {
		return site.Plan{}, nil, errors.New(strings.Join(errs, "\n"))
	}
	for _, f := range want {
		kept = append(kept, placed{f.Path, f.Locale})
	}
	return plan, kept, nil
}

// finishSite removes the pages no document or locale wants any more,
// once the batch that wrote the others is committed, and keeps the list
// of placed pages for the next build. (A run killed before this leaves
// pages a clean run would have removed; the next build removes them.)
func (p *Project) finishSite(plan site.Plan, kept []placed, log io.Writer) error {
	if !p.Config.Site.Enabled() {
		return nil
	}
	var failed []string
	for _, r := range plan.Remove {
		name, err := p.sitePath(r)
		if err == nil {
			err = os.Remove(name)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			failed = append(failed, fmt.Sprintf("remove %s: %v", r, err))
		} else if log != nil {
			fmt.Fprintf(log, "%s: removed (no published document places a page there now)\n", r)
		}
	}
	if err := p.savePlaced(kept); err != nil {
		failed = append(failed, err.Error())
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "\n"))
	}
	return nil
}

// ownedByBuild is the check Recover makes of each file a build's journal
// lists: a page in output, or a page placed in the site.
func (p *Project) ownedByBuild() func(string) error {
	inOutput := p.ownedBy(p.Config.Output)
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
		if _, perr := p.sitePath(rel); perr != nil {
			return perr
		}
		return nil
	}
}

// sitePages are the pages the build places: each published Markdown
// page, in each locale built that the site has a place for.
func (p *Project) sitePages(sources []Source, reports []*docReport, locales []string, drafts bool) ([]site.File, error) {
	cfg := p.Config.Site
	var want []site.File
	var errs pipeline.ErrorList
	for i, s := range sources {
		if f := p.formats.For(s.Rel); f == nil || !slices.Contains(f.Outputs(), output.Markdown) || !site.Reads(s.Rel) {
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
			if _, err := p.sitePath(dst); err != nil {
				errs.Add(err)
				continue
			}
			out := p.OutputPath(l, s, output.Markdown.Ext())
			var md []byte
			var err error
			if v, ok := p.builtPage(out); ok {
				md = bytes.Clone(v) // built now, not yet committed
			} else if md, err = p.ws.ReadFile(out); err != nil {
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

// builtPage is the Markdown page at out this build made, if it made it.
func (p *Project) builtPage(out string) ([]byte, bool) {
	if p.builtMD == nil {
		return nil, false
	}
	v, ok := p.builtMD.Load(out)
	if !ok {
		return nil, false
	}
	return v.([]byte), true
}

// placedBefore reads the pages earlier builds placed: those this build
// may find unwanted (previous), and those it leaves as they are (kept:
// another locale's, or all of them when it built one shard).
func (p *Project) placedBefore(locales []string, shard Shard) (previous []string, kept []placed) {
	var before []placed
	if data, err := p.ws.ReadFile(siteState); err == nil {
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

// savePlaced keeps the list of placed pages for the next build.
func (p *Project) savePlaced(list []placed) error {
	slices.SortFunc(list, func(a, b placed) int { return strings.Compare(a.Path, b.Path) })
	list = slices.Compact(list)
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	name, err := p.path(siteState)
	if err != nil {
		return err
	}
	return fsutil.WriteFast(name, append(data, '\n'))
}

// sitePath is the file system path of a place in the site: inside the
// project, and never in a folder quipu keeps its own files in.
func (p *Project) sitePath(rel string) (string, error) {
	for _, dir := range []string{p.Config.LocalesDir, p.Config.Output, CacheDir, p.Config.Templates} {
		if dir != "" && (rel == path.Clean(dir) || strings.HasPrefix(rel, path.Clean(dir)+"/")) {
			return "", fmt.Errorf("%s: inside %s, where quipu keeps its own files", rel, dir)
		}
	}
	return p.ws.Path(rel)
}
