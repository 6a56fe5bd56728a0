package project

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/dates"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/page"
	"github.com/quipu-l10n/quipu/pipeline/parallel"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/siteout"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// BuildOptions tune Build.
type BuildOptions struct {
	// Locales to build; empty means the source locale and every target.
	// The pseudo-locale "qps" may be named too.
	Locales []string
	// Strict makes untranslated, fuzzy or rejected segments errors.
	Strict bool
	// UseFuzzy publishes fuzzy translations (the project's use_fuzzy does
	// too); they still count as untranslated.
	UseFuzzy bool
	// UseMachine publishes machine drafts (the project's use_machine
	// does too); they still count as untranslated.
	UseMachine bool
	// Force rebuilds every document, even those whose inputs did not
	// change since the last build.
	Force bool
	// Log receives warnings: untranslated segments per document, fuzzy
	// translations used, translations rejected.
	Log io.Writer
	// Progress, when set, is called as documents finish (from several
	// goroutines).
	Progress func(done, total int)
	// Shard builds only the documents of one part of the project.
	Shard tree.Shard
	// Drafts builds documents whose front matter says draft: true too.
	Drafts bool
}

// BuildResult sums up a build.
type BuildResult struct {
	// Segments counts messages: a segment repeated in a document is one.
	Documents, Segments, Files int
	// Rebuilt counts the documents built this time; the others were
	// unchanged since the last build.
	Rebuilt int
	// Drafts counts the draft documents left out (see BuildOptions.Drafts).
	Drafts int
	// Untranslated counts, per locale, the messages that do not count as
	// translated (missing, fuzzy or rejected: see resolve.Verdict), as
	// status and export count them.
	Untranslated map[string]int
	// From counts, per locale, the messages taken from each locale of its
	// fallback chain (the source locale for fallbacks to the source).
	From map[string]map[string]int
}

// docReport is what building one document found, kept in the build cache
// so an unchanged document reports the same as when it was built. Counts
// are short lists rather than maps: thousands of reports are read back on
// every build.
type docReport = cache.Report

// Build reassembles every document in every locale into output/: Markdown
// and a complete HTML page for Markdown and text documents, the localized
// document itself for HTML ones. Documents stream through every core; an
// output that exists is staged beside its target and renamed into place
// only when every document built, a new one is written in place through
// the build's journal (see fsutil.Batch), so a bad message file stops the
// build with every file as it was. Documents whose inputs did not change
// since the last build are skipped (see package cache).
func (p *Project) Build(opt BuildOptions) (*BuildResult, error) {
	l, err := p.Lock()
	if err != nil {
		return nil, err
	}
	defer l.Release()
	if err := p.CheckLocaleFolders(); err != nil {
		return nil, err
	}
	journal := p.Abs(path.Join(config.CacheDir, "build.journal"))
	if err := fsutil.Recover(journal, siteout.OwnedBy(p.Tree, p.OwnedBy(p.Config.Output))); err != nil {
		return nil, fmt.Errorf("removing the outputs of a build that did not finish: %w", err)
	}
	locales, err := p.Config.SelectLocales(opt.Locales, false)
	if err != nil {
		return nil, err
	}
	// The cache is read while the documents are listed.
	opened := make(chan *cache.Build, 1)
	go func() {
		opened <- cache.OpenBuild(p.Tree, p.buildFingerprint(locales, opt.Strict, p.publish(opt.UseFuzzy, opt.UseMachine)), opt.Force)
	}()
	sources, err := p.Sources()
	bc := <-opened
	if err != nil {
		return nil, err
	}
	sources = opt.Shard.Filter(sources)
	msgLocales := p.messageLocales(locales)
	inputs := cache.ScanInputs(p.Tree, sources, msgLocales)
	pd := dates.NewPages(p.Tree)
	batch := fsutil.NewBatch(false)
	batch.Journal(journal)
	p.staged = &sync.Map{}
	p.builtMD = &sync.Map{}
	reports := make([]*docReport, len(sources))
	entries := make([]*cache.Entry, len(sources))
	errs := make([]pipeline.ErrorList, len(sources))
	var done atomic.Int64
	parallel.Each(len(sources), func(i int) {
		if opt.Progress != nil {
			defer func() { opt.Progress(int(done.Add(1)), len(sources)) }()
		}
		s := sources[i]
		if rep, ok := p.unchanged(bc, s, inputs[i], locales, opt.Drafts, pd); ok {
			reports[i] = rep
			return
		}
		rep, err := p.buildDoc(s, locales, present(msgLocales, inputs[i]), opt, batch, pd)
		if err != nil {
			errs[i].Add(err)
			return
		}
		reports[i] = rep
		entries[i] = &cache.Entry{Inputs: inputs[i], Report: *rep}
	})
	var all pipeline.ErrorList
	for i := range errs {
		all = append(all, errs[i]...)
	}
	if err := all.Err(); err != nil {
		batch.Abort()
		return nil, err
	}
	// The pages placed in the site go in the same batch: a refused place
	// leaves every file as it was, and a killed run as a clean one would.
	placed, err := siteout.Stage(p.Tree, sources, reports, locales, opt.Drafts, opt.Shard, batch, p.builtPage)
	if err != nil {
		batch.Abort()
		return nil, err
	}
	if err := batch.Commit(); err != nil {
		return nil, err
	}
	for i, e := range entries {
		if e != nil {
			bc.AddWritten(sources[i].Rel, reports[i].Built)
		}
	}
	p.removeGone(bc, sources, opt.Shard, opt.Log)

	// A run killed while writing leaves temporary files beside the
	// output; they must not be published with it. Only a run that found
	// its predecessor's lock abandoned needs to look for them.
	if l.TookOver {
		if err := fsutil.RemoveTemp(p.Abs(p.Config.Output)); err != nil {
			return nil, err
		}
	}
	for i, rep := range reports {
		if rep.Draft && !opt.Drafts {
			if err := p.unpublishDraft(sources[i], locales, opt.Log); err != nil {
				return nil, err
			}
		}
	}
	assetFiles := p.settleAssets(bc, sources, reports, locales, opt.Drafts, opt.Log)
	outDirs := map[string]bool{}
	folders, docs := cache.ByFolder(sources)
	for _, d := range folders {
		for _, o := range p.OutputPaths(sources[docs[d][0]], locales) {
			outDirs[path.Dir(o)] = true
		}
	}
	bc.StampDirs(outDirs)
	res := &BuildResult{Files: assetFiles, Untranslated: map[string]int{}, From: map[string]map[string]int{}}
	for i, rep := range reports {
		leftOut := rep.Draft && !opt.Drafts
		if entries[i] != nil {
			if !leftOut {
				res.Rebuilt++
				entries[i].Outputs = stamp.Files(p.Root, p.OutputPaths(sources[i], locales))
				entries[i].Assets = p.assetStats(rep.Assets, locales)
			}
			bc.Store(sources[i].Rel, entries[i])
		}
		if leftOut {
			res.Drafts++
			continue
		}
		res.Documents++
		res.Segments += rep.Segments
		res.Files += rep.Files
		for _, c := range rep.Untranslated {
			res.Untranslated[c.Locale] += c.N
		}
		for _, c := range rep.From {
			if res.From[c.Locale] == nil {
				res.From[c.Locale] = map[string]int{}
			}
			res.From[c.Locale][c.From] += c.N
		}
		if opt.Log != nil {
			for _, w := range rep.Warnings {
				fmt.Fprintln(opt.Log, w)
			}
		}
	}
	res.Files += placed.Pages()
	if err := bc.Save(); err != nil {
		return res, err
	}
	return res, siteout.Finish(p.Tree, placed, opt.Log)
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

// present lists the locales of msgLocales in which a document has a
// message file, from the stamps cache.ScanInputs found.
func present(msgLocales []string, in cache.Inputs) []string {
	var out []string
	for k, l := range msgLocales {
		if in.Messages[k].Exists() {
			out = append(out, l)
		}
	}
	return out
}

// buildDoc builds one document in every locale, staging its outputs. It
// reads the document's message files in msgLocales (the others, missing,
// count as empty).
func (p *Project) buildDoc(s Source, locales, msgLocales []string, opt BuildOptions, batch *fsutil.Batch, pd *dates.Pages) (*docReport, error) {
	db, err := p.prepareDoc(s, msgLocales, opt, pd)
	if err != nil || db.doc == nil {
		return db.report(), err
	}
	rep := db.rep
	var errs pipeline.ErrorList
	for _, l := range locales {
		out, err := p.localize(db.doc, s, l, locales, db.files, opt, rep, db.dp)
		if err != nil {
			errs.Add(err)
			continue
		}
		for _, f := range out {
			name, err := p.Path(f.path)
			if err != nil {
				return nil, err
			}
			if _, err := batch.Add(name, f.data); err != nil {
				return nil, fmt.Errorf("write %s: %w", f.path, err)
			}
			if p.builtMD != nil && strings.HasSuffix(f.path, output.Markdown.Ext()) {
				p.builtMD.Store(f.path, f.data)
			}
			rep.Files++
			rep.Built = append(rep.Built, f.path)
		}
		if err := p.copyAssets(s, l, out, batch, rep); err != nil {
			return nil, err
		}
	}
	return rep, errs.Err()
}

// docBuild is one document read and ready to be localized: what building
// it in each locale shares. Build and serve both start from it, so a
// served page is the page a build writes.
type docBuild struct {
	doc   *pipeline.Document // nil for a draft left out
	rep   *docReport
	files map[string]*catalog.File // message files by locale
	dp    *docPages
}

func (db *docBuild) report() *docReport {
	if db == nil {
		return nil
	}
	return db.rep
}

// prepareDoc reads a document, its date and its message files in
// msgLocales. A draft left out of the build comes back without its
// document.
func (p *Project) prepareDoc(s Source, msgLocales []string, opt BuildOptions, pd *dates.Pages) (*docBuild, error) {
	doc, err := p.Load(s)
	if err != nil {
		return nil, err
	}
	meta, err := p.meta(doc)
	if err != nil {
		return nil, err
	}
	if meta.Draft && !opt.Drafts {
		return &docBuild{rep: &docReport{Draft: true}}, nil
	}
	// A document that is its own page shows no date.
	updated, dateKey := time.Time{}, int64(dates.InSource)
	if !format.IsOwnPage(p.Formats.For(doc.Path)) {
		if updated, err = pd.Of(s, meta); err != nil {
			return nil, err
		}
		if dateKey, err = pd.CacheKey(s, meta); err != nil {
			return nil, err
		}
	}
	files := map[string]*catalog.File{}
	var errs pipeline.ErrorList
	for _, cl := range msgLocales {
		f, err := p.ReadMessages(p.MessagePath(cl, s))
		if err != nil {
			errs.Add(err)
		}
		files[cl] = f
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	rep := &docReport{Segments: localized.Messages(doc), Draft: meta.Draft, Date: dateKey}
	// The source's Markdown is what its format writes with the source text
	// everywhere: the document itself for Markdown, not for plain text.
	sourceMD := sync.OnceValue(func() []byte {
		_, a := p.LocalizeDoc(doc, p.Config.SourceLocale, func(seg *pipeline.Segment) (string, bool) { return seg.Text, true })
		return a.Markdown
	})
	dp := &docPages{
		updated:  updated,
		sourceMD: sourceMD,
		// The heading ids of the source, for the anchors translations keep.
		sourceIDs: sync.OnceValue(func() []string {
			tmpl, _ := p.template() // its error is the page's to report
			md := sourceMD()
			return page.HeadingIDs(markdown.Parse(md), md, tmpl.IDs()...)
		}),
	}
	if m, ok := p.Formats.For(doc.Path).(format.SourceMarker); ok {
		dp.marks = sync.OnceValue(func() markFunc { return m.SourceMarks(doc) })
	}
	return &docBuild{doc: doc, rep: rep, files: files, dp: dp}, nil
}

type outFile struct {
	path string
	data []byte
}

// localize builds one document in one locale.
func (p *Project) localize(doc *pipeline.Document, s Source, locale string, all []string, files map[string]*catalog.File, opt BuildOptions, rep *docReport, dp *docPages) ([]outFile, error) {
	rd := localized.Resolve(p.Tree, doc, s, locale, files, p.publish(opt.UseFuzzy, opt.UseMachine))
	f, a := rd.Format, rd.Localized
	name := p.ContentPath(s)
	target := locale != p.Config.SourceLocale && locale != pseudo.Locale
	if target {
		if err := p.reportResolved(doc, name, locale, &rd, opt.Strict, rep); err != nil {
			return nil, err
		}
	}
	in := output.Input{Markdown: a.Markdown}
	if a.HTML != nil {
		html, err := p.htmlLanguages(a.HTML, s, locale, all)
		if err != nil {
			return nil, err
		}
		in.HTML = html
	} else {
		in.Page = func() ([]byte, error) {
			text := func(seg *pipeline.Segment) string {
				t := rd.Of(seg).Text
				return strings.TrimSpace(markdown.PlainText(markdown.ReaderText(t, seg.Placeholders)))
			}
			var mark func(ast.Node) bool
			if target {
				mark = p.markSource(doc, &rd, locale, dp)
			}
			html, err := p.page(doc, s, locale, all, a.Markdown, a.Root, text, mark, dp)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", name, locale, err)
			}
			return html, nil
		}
	}
	var out []outFile
	for _, o := range f.Outputs() {
		data, err := o.Render(in)
		if err != nil {
			return nil, err
		}
		out = append(out, outFile{p.OutputPath(locale, s, o.Ext()), data})
	}
	return out, nil
}

// docPages is what the pages of one document in several locales share.
type docPages struct {
	// updated is the date the pages show; zero for none.
	updated time.Time
	// sourceMD is the document as Markdown in the source locale, and
	// sourceIDs the heading ids of its page.
	sourceMD  func() []byte
	sourceIDs func() []string
	// marks prepares, once, the marking of source text on the pages; nil
	// when the format cannot mark it.
	marks func() markFunc
	// The article of the last page rendered, reused by a locale whose
	// Markdown is the same: an untranslated page, the most common kind in
	// a project being translated, costs no parse or render of its own.
	md      []byte
	article page.Article
}

// article renders md (parsed as root, or nil) for its page, or reuses the
// article of the last locale if it has the same Markdown. mark, when set,
// marks blocks of the tree before it is rendered, and reports whether it
// did.
func (p *Project) article(md []byte, root ast.Node, aliases []string, mark func(ast.Node) bool, dp *docPages) (page.Article, error) {
	if aliases == nil && mark == nil && dp.md != nil && bytes.Equal(dp.md, md) {
		return dp.article, nil
	}
	if root == nil {
		root = markdown.Parse(md)
	}
	marked := mark != nil && mark(root)
	tmpl, _ := p.template() // its error is the page's to report
	a, err := page.NewArticle(md, root, aliases, tmpl.IDs()...)
	if err == nil && aliases == nil && !marked {
		dp.md, dp.article = md, a
	}
	return a, err
}

// page renders the HTML page of a document built through Markdown.
func (p *Project) page(doc *pipeline.Document, s Source, locale string, all []string, md []byte, root ast.Node, text func(*pipeline.Segment) string, mark func(ast.Node) bool, dp *docPages) ([]byte, error) {
	tmpl, err := p.template()
	if err != nil {
		return nil, err
	}
	var aliases []string
	if locale != p.Config.SourceLocale && !bytes.Equal(md, dp.sourceMD()) {
		aliases = dp.sourceIDs() // an untranslated page has the source's ids
	}
	article, err := p.article(md, root, aliases, mark, dp)
	if err != nil {
		return nil, err
	}
	data := page.Data{
		Lang:      locale,
		Canonical: p.url(s, locale),
		XDefault:  p.url(s, p.Config.SourceLocale),
		OGLocale:  page.OGLocale(locale),
	}
	if locale != p.Config.SourceLocale {
		data.Foreign, data.ForeignLang = p.foreign(), p.Config.SourceLocale
	}
	texts := make([]page.Text, len(doc.Segments))
	for i, seg := range doc.Segments {
		texts[i] = page.Text{Kind: seg.Kind, Text: text(seg)}
	}
	words := data.SetContent(path.Base(tree.Stem(s.Rel)), texts, article)
	data.Alternates = p.alternates(s, locale, all)
	for _, l := range all {
		if l != locale && l != pseudo.Locale {
			data.OGAlternates = append(data.OGAlternates, page.OGLocale(l))
		}
	}
	if data.Chrome, err = page.NewChrome(locale, dp.updated, words); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, data); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// url is the address of a document's page in a locale: absolute under
// the site's base URL when there is one, else relative to the page itself.
func (p *Project) url(s Source, locale string) string {
	if base := p.Config.SiteURL(""); base != "" {
		return bundle.PageURL(base, locale, tree.Stem(s.Rel)+output.Page.Ext())
	}
	return relative(s.Rel, locale)
}

// template returns the page template, read once per run.
// foreign is the glossary's list of source-language expressions that
// translated pages set in italics; read once, and none if the glossary
// cannot be read (sync and check report that).
func (p *Project) foreign() []string {
	p.foreignOnce.Do(func() {
		if g, err := p.Glossary(); err == nil {
			p.foreignList = g.Foreign
		}
	})
	return p.foreignList
}

func (p *Project) template() (*page.Template, error) {
	p.tmplOnce.Do(func() {
		dir := ""
		if p.Config.Templates != "" {
			dir = p.Abs(p.Config.Templates)
			if p.tmplErr = p.WS.Regular(path.Join(p.Config.Templates, "page.html")); p.tmplErr != nil {
				return
			}
		}
		p.tmpl, p.tmplErr = page.LoadTemplate(dir)
	})
	return p.tmpl, p.tmplErr
}

// relative is the URL of a document's page in another locale, from the
// page of the same document: up out of the document's folders and the
// locale folder, then down.
func relative(rel, locale string) string {
	depth := strings.Count(rel, "/") + 1
	return strings.Repeat("../", depth) + locale + "/" + tree.Stem(rel) + output.Page.Ext()
}

// localeDirs reports which locales have a message folder: a locale of a
// fallback chain without one (es-419, es) costs no look-ups per document.
func (p *Project) localeDirs(locales []string) map[string]bool {
	present := map[string]bool{}
	for _, l := range locales {
		for _, cl := range p.Config.Chain(l) {
			if _, done := present[cl]; done {
				continue
			}
			_, err := os.Stat(p.Abs(path.Join(p.Config.LocalesDir, cl)))
			present[cl] = err == nil
		}
	}
	return present
}

// meta reads what a document says about publishing it, through its
// format (front matter, for Markdown).
func (p *Project) meta(doc *pipeline.Document) (format.Meta, error) {
	return format.ReadMeta(p.Formats.For(doc.Path), doc.Path, doc.Source)
}

// useFuzzy is whether fuzzy translations are published: the project's
// use_fuzzy, or a command's --use-fuzzy.
func (p *Project) useFuzzy(flag bool) bool { return flag || p.Config.UseFuzzy }

// publish is which drafts a build publishes: those the project's
// configuration or the command's flags ask for.
func (p *Project) publish(fuzzy, machine bool) resolve.Options {
	return resolve.Options{UseFuzzy: p.useFuzzy(fuzzy), UseMachine: machine || p.Config.UseMachine}
}
