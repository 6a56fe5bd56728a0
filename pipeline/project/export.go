package project

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/dates"
	"github.com/quipu-l10n/quipu/pipeline/digest"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/say"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// ExportOptions tune Export.
type ExportOptions struct {
	// Locales to export; empty means every configured locale. The source
	// locale is always exported: the sitemap's x-default points at it.
	Locales []string
	// BaseURL is where the bundle will be published: it replaces base_url
	// for the pages' canonical and alternate links and for the sitemap
	// alike. Empty means base_url.
	BaseURL string
	// MinCoverage refuses the export if a locale has less than this
	// percentage of its segments translated (fuzzy ones do not count).
	MinCoverage float64
	// UseFuzzy publishes fuzzy translations, as BuildOptions.UseFuzzy.
	UseFuzzy bool
	// UseMachine publishes machine drafts, as BuildOptions.UseMachine.
	UseMachine bool
	// Shard exports only the documents of one part of the project.
	Shard tree.Shard
	// Epoch, if set, is the timestamp of every entry; otherwise
	// dates.SourceDateEpoch decides.
	Epoch *int64
	// Log receives the build's warnings.
	Log io.Writer
	// Drafts exports draft documents too (see BuildOptions.Drafts).
	Drafts bool
}

// Gap is a segment a locale lacks a usable translation for.
type Gap struct {
	Pos   pipeline.Position // the segment in its content file
	ID    string
	State resolve.Verdict // Missing, Fuzzy or Rejected
}

// Coverage is how far one locale's translation stands over the exported
// documents.
type Coverage struct {
	bundle.Stats
	Gaps []Gap // in document order
}

// CoverageError is an export refused because locales fall short of the
// required coverage.
type CoverageError struct {
	Min     float64
	Below   []Coverage
	Verbose bool // list every gap, not the first few of each locale
}

func (e *CoverageError) Error() string {
	var b strings.Builder
	for _, c := range e.Below {
		fmt.Fprintf(&b, "%s: %s translated (%d of %s, %d fuzzy), below --min-coverage %g\n",
			c.Locale, say.Percent(c.Coverage), c.Translated, say.Count("Segment", c.Segments), c.Stale, e.Min)
		digest.Lines(&b, len(c.Gaps), e.Verbose, func(j int) string {
			return fmt.Sprintf("%s: %s: %s: %s", c.Gaps[j].Pos, c.Locale, c.Gaps[j].State, c.Gaps[j].ID)
		})
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// CheckCoverage returns a *CoverageError for the locales below min percent.
func CheckCoverage(cov []Coverage, min float64) error {
	var below []Coverage
	for _, c := range cov {
		if float64(c.Translated)*100 < min*float64(c.Segments) {
			below = append(below, c)
		}
	}
	if len(below) == 0 {
		return nil
	}
	return &CoverageError{Min: min, Below: below}
}

// Export builds the project and returns it as a bundle: for each locale
// the HTML pages, the Markdown and the files the pages reference, with a
// manifest and a sitemap. Coverage is checked before anything is built.
func (p *Project) Export(opt ExportOptions) (*bundle.Bundle, []Coverage, error) {
	locales, err := p.exportLocales(opt.Locales)
	if err != nil {
		return nil, nil, err
	}
	sources, err := p.Sources()
	if err != nil {
		return nil, nil, err
	}
	sources = opt.Shard.Filter(sources)
	if sources, err = p.WithoutDrafts(sources, opt.Drafts); err != nil {
		return nil, nil, err
	}
	cov, err := p.Coverage(locales, sources, p.publish(opt.UseFuzzy, opt.UseMachine))
	if err != nil {
		return nil, nil, err
	}
	if opt.MinCoverage > 0 {
		if err := CheckCoverage(cov, opt.MinCoverage); err != nil {
			return nil, cov, err
		}
	}
	// One base URL for the pages and the sitemap.
	p.Config.BaseURL = p.Config.SiteURL(opt.BaseURL)
	if _, err := p.Build(BuildOptions{Locales: locales, Log: opt.Log, Shard: opt.Shard, UseFuzzy: opt.UseFuzzy, UseMachine: opt.UseMachine, Drafts: opt.Drafts}); err != nil {
		return nil, cov, err
	}
	files, err := p.collect(locales, sources)
	if err != nil {
		return nil, cov, err
	}
	meta := bundle.Meta{
		Version:      pipeline.Version,
		Commit:       dates.Commit(p.Root),
		BaseURL:      p.Config.BaseURL,
		SourceLocale: p.Config.SourceLocale,
		Shard:        opt.Shard.String(),
	}
	if opt.Epoch != nil {
		meta.Epoch = *opt.Epoch
	} else if meta.Epoch, err = dates.SourceDateEpoch(p.Root); err != nil {
		return nil, cov, err
	}
	stats := make([]bundle.Stats, len(cov))
	for i, c := range cov {
		stats[i] = c.Stats
	}
	b, err := bundle.New(meta, stats, files)
	return b, cov, err
}

// exportLocales is the source locale, then the requested locales (or all
// configured ones), each once.
func (p *Project) exportLocales(requested []string) ([]string, error) {
	selected, err := p.Config.SelectLocales(requested, false)
	if err != nil {
		return nil, err
	}
	out := []string{p.Config.SourceLocale}
	for _, l := range selected {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}

// Coverage counts, for each locale, the messages of the given documents
// that a build shows translated, as resolve.Resolve decides (one message
// per distinct segment of a document, as status counts). The others are
// listed as gaps.
func (p *Project) Coverage(locales []string, sources []Source, publish resolve.Options) ([]Coverage, error) {
	cov := make([]Coverage, len(locales))
	for i, l := range locales {
		cov[i].Locale = l
	}
	err := p.LoadEach(sources, func(s Source, doc *pipeline.Document, errs *pipeline.ErrorList) {
		files := map[string]*catalog.File{}
		if err := localized.ReadChain(p.Tree, s, locales, files); err != nil {
			errs.Add(err)
			return
		}
		for i, l := range locales {
			c := &cov[i]
			c.Documents++
			rd := localized.Resolve(p.Tree, doc, s, l, files, publish)
			n := resolve.Count(doc.Segments, rd.Res)
			c.Segments += n.Total
			c.Translated += n.Translated
			c.Stale += n.Fuzzy
			seen := map[string]bool{}
			for k, seg := range doc.Segments {
				v := rd.Res[k].Verdict
				if v == resolve.Translated || seen[seg.ID] {
					continue
				}
				seen[seg.ID] = true
				c.Gaps = append(c.Gaps, Gap{Pos: pipeline.Position{File: p.ContentPath(s), Line: seg.Line, Col: seg.Col}, ID: seg.ID, State: v})
			}
		}
	})
	for i := range cov {
		cov[i].Coverage = bundle.Percent(cov[i].Translated, cov[i].Segments)
	}
	return cov, err
}

// collect reads the built files of each document in each locale, and the
// files under content/ their pages reference.
func (p *Project) collect(locales []string, sources []Source) ([]bundle.File, error) {
	var files []bundle.File
	assets := map[string][]byte{} // read once, copied into every locale
	for _, l := range locales {
		for _, s := range sources {
			for _, o := range p.Formats.For(s.Rel).Outputs() {
				data, err := p.WS.ReadFile(p.OutputPath(l, s, o.Ext()))
				if err != nil {
					return nil, err
				}
				files = append(files, bundle.File{Path: path.Join(l, tree.Stem(s.Rel)+o.Ext()), Locale: l, Kind: o.Kind(), Data: data})
				if o != output.Page {
					continue
				}
				for _, ref := range p.assets(s, data) {
					a, ok := assets[ref]
					if !ok {
						if a, err = p.readAsset(ref); err != nil {
							return nil, err
						}
						assets[ref] = a
					}
					files = append(files, bundle.File{Path: path.Join(l, ref), Locale: l, Kind: bundle.KindAsset, Data: a})
				}
			}
		}
	}
	return files, nil
}

// assets returns the files under content/ a page references by relative
// URL (images, stylesheets, scripts, media, downloads), as paths relative
// to the content folder. Links to other documents, to other sites, to
// absolute paths and to files that are not there are left alone.
func (p *Project) assets(s Source, page []byte) []string {
	return p.pageAssets(s, page, nil)
}

// pageAssets is assets, calling missing, when set, with each relative URL
// (as written) that names no file under content/: a broken reference.
func (p *Project) pageAssets(s Source, page []byte, missing func(ref, rel string)) []string {
	var out []string
	seen := map[string]bool{}
	add := func(ref string) {
		u, err := url.Parse(strings.TrimSpace(ref))
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
			return
		}
		if strings.HasPrefix(u.Path, "{{") {
			return // a Hugo shortcode ({{< ref "p.md" >}}): the site's generator resolves it
		}
		rel := path.Join(path.Dir(s.Rel), u.Path)
		if rel == ".." || strings.HasPrefix(rel, "../") || seen[rel] || bundle.CheckPath(rel) != nil {
			return
		}
		if p.Formats.For(rel) != nil {
			return // a document: its own pages are exported
		}
		// A link is copied if it leads inside the project (collect
		// refuses one that leads out); a pipe or device never is.
		fi, err := os.Lstat(p.Abs(path.Join(p.Config.Content, rel)))
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			_, err = os.Stat(p.Abs(path.Join(p.Config.Content, rel))) // a link to nothing?
		}
		if errors.Is(err, fs.ErrNotExist) && missing != nil {
			seen[rel] = true
			missing(ref, rel)
		}
		if err != nil || !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
			return
		}
		seen[rel] = true
		out = append(out, rel)
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		_, more := z.TagName()
		for more {
			var key, val []byte
			key, val, more = z.TagAttr()
			switch string(key) {
			case "src", "href", "poster", "data":
				if p.mayBeAsset(val) {
					add(string(val))
				}
			case "srcset":
				for _, c := range strings.Split(string(val), ",") {
					if f := strings.Fields(c); len(f) > 0 {
						add(f[0])
					}
				}
			}
		}
	}
}

// StatsCoverage turns a bundle's statistics into coverage without gaps,
// for checking a merged bundle: its shards listed the gaps.
func StatsCoverage(stats []bundle.Stats) []Coverage {
	out := make([]Coverage, len(stats))
	for i, s := range stats {
		out[i].Stats = s
	}
	return out
}
