package project

import (
	"fmt"
	"maps"
	"slices"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

// reportResolved adds to rep what a document's resolution in a target
// locale says: a warning (an error when strict) at each fuzzy, rejected or
// disturbed translation's place in its message file, a line for the
// document's untranslated messages, and where its messages came from.
func (p *Project) reportResolved(doc *pipeline.Document, name, locale string, rd *localized.Doc, strict bool, rep *docReport) error {
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
		r := &rd.Res[i]
		if r.Source() {
			from[p.Config.SourceLocale]++
		} else {
			from[r.From.Locale]++
		}
		switch r.Verdict {
		case resolve.Rejected:
			// One message's problems in the order they stand in its text.
			probs := slices.Clone(r.Problems)
			slices.SortStableFunc(probs, func(a, b pipeline.Problem) int { return a.Offset - b.Offset })
			for _, pr := range probs {
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
		case resolve.Aligned:
			if r.Refused.Message == nil {
				report(r.From.Pos(0), fmt.Sprintf("message %s: aligned translation used (found in an existing translation, not reviewed; --use-fuzzy)", seg.ID))
				continue
			}
			used := "the English text"
			if !r.Source() {
				used = "the " + r.From.Locale + " translation"
			}
			report(r.Refused.Pos(0), fmt.Sprintf("message %s: aligned translation not used (found in an existing translation: review it and mark it translated); %s was used", seg.ID, used))
		}
	}
	counts := resolve.Count(doc.Segments, rd.Res)
	if n := counts.Untranslated(); n > 0 {
		msg := fmt.Sprintf("%s: %s: %d of %s untranslated (%d missing, %d fuzzy, %d rejected", name, locale, n, say.Count("Segment", counts.Total), counts.Missing, counts.Fuzzy, counts.Rejected)
		if counts.Machine > 0 {
			msg += fmt.Sprintf(", %d machine", counts.Machine)
		}
		if counts.Aligned > 0 {
			msg += fmt.Sprintf(", %d aligned", counts.Aligned)
		}
		msg += ")"
		if strict {
			errs.Add(fmt.Errorf("%s", msg))
		} else {
			rep.Warnings = append(rep.Warnings, msg)
		}
		rep.Untranslated = append(rep.Untranslated, cache.Count{Locale: locale, N: n})
	}
	for _, l := range rd.LosesMarkup(doc) {
		report(rd.Of(l.Segment).From.Pos(l.Problem.Offset), fmt.Sprintf("message %s: %s", l.Segment.ID, l.Problem.Msg))
	}
	for _, l := range slices.Sorted(maps.Keys(from)) {
		rep.From = append(rep.From, cache.Count{Locale: locale, From: l, N: from[l]})
	}
	return errs.Err()
}

// markFunc marks, in a localized document's tree, the blocks showing the
// source text (see format.SourceMarker).
type markFunc = func(root ast.Node, source func(*pipeline.Segment) bool, lang, locale string) bool

// markSource returns what marks the source text left on a translated page
// built through Markdown (lang="en" on its blocks), so a screen reader
// switches voice for it; nil when the page has none or its format cannot
// mark it.
func (p *Project) markSource(doc *pipeline.Document, rd *localized.Doc, locale string, dp *docPages) func(ast.Node) bool {
	if dp.marks == nil || !slices.ContainsFunc(rd.Res, func(r resolve.Resolution) bool { return r.Source() }) {
		return nil
	}
	mark, lang := dp.marks(), p.Config.SourceLocale
	source := func(seg *pipeline.Segment) bool { return rd.Of(seg).Source() }
	return func(root ast.Node) bool { return mark(root, source, lang, locale) }
}
