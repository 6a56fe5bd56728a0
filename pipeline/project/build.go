package project

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/page"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
)

// BuildOptions tune Build.
type BuildOptions struct {
	// Locales to build; empty means the source locale and every target.
	// The pseudo-locale "qps" may be named too.
	Locales []string
	// Strict makes untranslated, fuzzy or rejected segments errors.
	Strict bool
	// Log receives warnings: untranslated segments per document, fuzzy
	// translations used, translations rejected.
	Log io.Writer
	// Shard builds only the documents of one part of the project.
	Shard Shard
}

// BuildResult sums up a build.
type BuildResult struct {
	Documents, Segments, Files int
	// Untranslated counts segments that fell back to the source, per locale.
	Untranslated map[string]int
	// From counts, per locale, the segments taken from each locale of its
	// fallback chain.
	From map[string]map[string]int
}

// Build reassembles every document in every locale into output/: Markdown
// and a complete HTML page. Message files are all read and checked first;
// a bad one stops the build before anything is written.
func (p *Project) Build(opt BuildOptions) (*BuildResult, error) {
	locales := opt.Locales
	if len(locales) == 0 {
		locales = append([]string{p.Config.SourceLocale}, p.Config.Locales...)
	}
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	sources = opt.Shard.Filter(sources)
	var errs errorList
	type job struct {
		src Source
		doc *pipeline.Document
		// messages per locale of every chain, read once
		files map[string]*catalog.File
	}
	var jobs []job
	for _, s := range sources {
		doc, err := p.Load(s)
		if err != nil {
			errs.add(err)
			continue
		}
		j := job{src: s, doc: doc, files: map[string]*catalog.File{}}
		for _, l := range locales {
			if l == p.Config.SourceLocale || l == pseudo.Locale {
				continue
			}
			for _, cl := range p.Config.Chain(l) {
				if _, done := j.files[cl]; done {
					continue
				}
				f, err := p.readMessages(p.MessagePath(cl, s))
				if err != nil {
					errs.add(err)
				}
				j.files[cl] = f
			}
		}
		jobs = append(jobs, j)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}

	res := &BuildResult{Untranslated: map[string]int{}, From: map[string]map[string]int{}}
	for _, j := range jobs {
		res.Documents++
		res.Segments += len(j.doc.Segments)
		for _, l := range locales {
			out, err := p.localize(j.doc, j.src, l, locales, j.files, opt, res)
			if err != nil {
				errs.add(err)
				continue
			}
			for _, f := range out {
				if err := fsutil.WriteFast(p.abs(f.path), f.data); err != nil {
					return res, fmt.Errorf("write %s: %w", f.path, err)
				}
				res.Files++
			}
		}
	}
	return res, errs.err()
}

type outFile struct {
	path string
	data []byte
}

// localize builds one document in one locale.
func (p *Project) localize(doc *pipeline.Document, s Source, locale string, all []string, files map[string]*catalog.File, opt BuildOptions, res *BuildResult) ([]outFile, error) {
	var untranslated, fuzzy int
	from := res.From[locale]
	if from == nil {
		from = map[string]int{}
		res.From[locale] = from
	}
	chain := p.Config.Chain(locale)
	msgs := make([]map[string]*catalog.Message, len(chain))
	for i, cl := range chain {
		if f := files[cl]; f != nil {
			msgs[i] = f.Index()
		}
	}
	where := map[*pipeline.Segment]*catalog.Message{}
	tr := func(seg *pipeline.Segment) (string, bool) {
		switch locale {
		case p.Config.SourceLocale:
			return seg.Text, true
		case pseudo.Locale:
			return pseudo.Translate(seg.Text), true
		}
		// The first usable translation along the chain wins; a fuzzy one
		// is used only if nothing better exists, and never when strict.
		var fallback *catalog.Message
		var fallbackLocale string
		for i, idx := range msgs {
			m := idx[seg.ID]
			if m == nil || !m.Translated() {
				continue
			}
			if m.State == catalog.Stale {
				if fallback == nil {
					fallback, fallbackLocale = m, chain[i]
				}
				continue
			}
			from[chain[i]]++
			where[seg] = m
			return m.Other, true
		}
		if fallback != nil && !opt.Strict {
			fuzzy++
			from[fallbackLocale]++
			where[seg] = fallback
			return fallback.Other, true
		}
		untranslated++
		from[p.Config.SourceLocale]++
		return "", false
	}
	type choice struct {
		text string
		ok   bool
	}
	chosen := map[*pipeline.Segment]choice{}
	md, root, rejected, changed := markdown.Localize(doc, func(seg *pipeline.Segment) (string, bool) {
		c, done := chosen[seg] // Localize may assemble twice: count once
		if !done {
			c.text, c.ok = tr(seg)
			chosen[seg] = c
		}
		return c.text, c.ok
	})
	var errs errorList
	for _, r := range rejected {
		m := where[r.Segment]
		for _, pr := range r.Problems {
			if pr.Severity != "error" {
				continue
			}
			file := p.MessagePath(locale, s)
			pos := pipeline.Position{File: file}
			if m != nil {
				pos.Line, pos.Col = m.OtherLine, m.OtherCol
			}
			e := &pipeline.Error{Pos: pos, Msg: fmt.Sprintf("message %s: %s; the English text was used", r.Segment.ID, pr.Msg)}
			if opt.Strict {
				errs.add(e)
			} else if opt.Log != nil {
				fmt.Fprintf(opt.Log, "%s: warning: %s\n", e.Pos, e.Msg)
			}
		}
	}
	name := p.ContentPath(s)
	warn := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if opt.Strict {
			errs.add(fmt.Errorf("%s: %s: %s", name, locale, msg))
		} else if opt.Log != nil {
			fmt.Fprintf(opt.Log, "%s: %s: %s\n", name, locale, msg)
		}
	}
	if untranslated > 0 {
		res.Untranslated[locale] += untranslated
		warn("%d of %d segments untranslated, source text used", untranslated, len(doc.Segments))
	}
	if fuzzy > 0 {
		warn("%d fuzzy translations used (the English changed since)", fuzzy)
	}
	if changed {
		warn("a translation moves its tags where their markup cannot work; some markup shows as text")
	}
	if err := errs.err(); err != nil {
		return nil, err
	}

	var body bytes.Buffer
	if err := markdown.New().Renderer().Render(&body, md, root); err != nil {
		return nil, fmt.Errorf("%s: %s: render: %w", name, locale, err)
	}
	title := path.Base(stem(s.Rel))
	if t := doc.Title(); t != nil {
		text := t.Text
		if c := chosen[t]; c.ok {
			text = c.text
		}
		title = strings.TrimSpace(placeholder.Strip(text))
	}
	data := page.Data{Lang: locale, Title: title, Body: template.HTML(body.String())}
	for _, l := range all {
		data.Alternates = append(data.Alternates, page.Alternate{
			Lang:    l,
			Name:    page.LanguageName(l),
			Href:    relative(s.Rel, l),
			Current: l == locale,
		})
	}
	var html bytes.Buffer
	if err := page.Render(&html, data); err != nil {
		return nil, err
	}
	return []outFile{
		{p.OutputPath(locale, s, ".md"), md},
		{p.OutputPath(locale, s, ".html"), html.Bytes()},
	}, nil
}

// relative is the URL of a document's page in another locale, from the
// page of the same document: up out of the document's folders and the
// locale folder, then down.
func relative(rel, locale string) string {
	depth := strings.Count(rel, "/") + 1
	return strings.Repeat("../", depth) + locale + "/" + stem(rel) + ".html"
}
