package project

import (
	"fmt"
	"maps"
	"slices"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/say"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

// reportResolved adds to rep what a document's resolution in a target
// locale says: a warning (an error when strict) at each fuzzy, rejected or
// disturbed translation's place in its message file, a line for the
// document's untranslated messages, and where its messages came from.
func (p *Project) reportResolved(doc *pipeline.Document, name, locale string, rd *resolved, strict bool, rep *docReport) error {
	var errs pipeline.ErrorList
	report := func(pos pipeline.Position, msg string) {
		if strict {
			errs.Add(&pipeline.Error{Pos: pos, Msg: msg})
		} else {
			rep.Warnings = append(rep.Warnings, pos.String()+": warning: "+msg)
		}
	}
	from := map[string]int{}
	seen := map[string]bool{}
	for i, seg := range doc.Segments {
		if seen[seg.ID] {
			continue
		}
		seen[seg.ID] = true
		r := &rd.res[i]
		if r.Source() {
			from[p.Config.SourceLocale]++
		} else {
			from[r.From.Locale]++
		}
		switch r.Verdict {
		case resolve.Rejected:
			for _, pr := range r.Problems {
				if pr.Severity == pipeline.SeverityError {
					report(r.Refused.Pos(pr.Offset), fmt.Sprintf("message %s: %s; the English text was used", seg.ID, pr.Msg))
				}
			}
		case resolve.Fuzzy:
			if r.Refused.Message == nil {
				report(r.From.Pos(0), fmt.Sprintf("message %s: fuzzy translation used (the English changed since; --use-fuzzy)", seg.ID))
				continue
			}
			used := "the English text"
			if !r.Source() {
				used = "the " + r.From.Locale + " translation"
			}
			report(r.Refused.Pos(0), fmt.Sprintf("message %s: fuzzy translation not used (the English changed since: review it and remove the fuzzy flag); %s was used", seg.ID, used))
		}
	}
	counts := resolve.Count(doc.Segments, rd.res)
	if n := counts.Untranslated(); n > 0 {
		msg := fmt.Sprintf("%s: %s: %d of %s untranslated (%d missing, %d fuzzy, %d rejected)", name, locale, n, say.Count("Segment", counts.Total), counts.Missing, counts.Fuzzy, counts.Rejected)
		if strict {
			errs.Add(fmt.Errorf("%s", msg))
		} else {
			rep.Warnings = append(rep.Warnings, msg)
		}
		rep.Untranslated = append(rep.Untranslated, count{Locale: locale, N: n})
	}
	if rd.a.Changed {
		// Which translation lost markup takes a look at each: rare, so
		// only then.
		tr := func(seg *pipeline.Segment) (string, bool) {
			r := rd.of(seg)
			return r.Text, !r.Source()
		}
		for _, seg := range markdown.LosesMarkup(doc, tr) {
			report(rd.of(seg).From.Pos(0), fmt.Sprintf("message %s: the translation moves its tags where their markup cannot work; some markup shows as text", seg.ID))
		}
	}
	for _, l := range slices.Sorted(maps.Keys(from)) {
		rep.From = append(rep.From, count{Locale: locale, From: l, N: from[l]})
	}
	return errs.Err()
}

// markSource returns what marks the source text left on a translated page
// built through Markdown (lang="en" on its blocks), so a screen reader
// switches voice for it; nil when the page has none.
func (p *Project) markSource(doc *pipeline.Document, rd *resolved, locale string, dp *docPages) func(ast.Node) bool {
	var english []*pipeline.Segment
	for i, seg := range doc.Segments {
		if rd.res[i].Source() {
			english = append(english, seg)
		}
	}
	if len(english) == 0 {
		return nil
	}
	lang := p.Config.SourceLocale
	if doc.Format == pipeline.FormatText {
		// One Markdown block per block of text, in order.
		blocks := textdoc.Blocks(doc)
		source := map[int]bool{}
		for i, seg := range blocks {
			if seg != nil && rd.of(seg).Source() {
				source[i] = true
			}
		}
		return func(root ast.Node) bool { return markdown.MarkBlocks(root, len(blocks), source, lang, locale) }
	}
	return func(root ast.Node) bool {
		return markdown.MarkSourceLang(dp.sourceTree(), root, english, lang, locale)
	}
}
