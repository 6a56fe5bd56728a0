package msgedit

import (
	"slices"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// Problems is what checks (quipu check's list) find in one translation m
// of segment i of a document of format f resolved as rd in locale, lost
// being the segments whose markup the document loses (see
// localized.Doc.LosesMarkup). Check reports them, and the editor shows
// them as the translator types.
func Problems(checks []qa.Func, f format.Format, doc *pipeline.Document, rd *localized.Doc, i int, m *catalog.Message, locale string, gl *glossary.Glossary, lost map[*pipeline.Segment]pipeline.Problem) []pipeline.Problem {
	seg := doc.Segments[i]
	var out []pipeline.Problem
	switch m.State {
	case catalog.Stale:
		out = append(out, pipeline.Problem{Severity: qa.Warning, Code: "fuzzy", Msg: "the English changed since this was translated: review it and remove the fuzzy flag (a build uses the next translation along the chain, or the English)"})
	case catalog.Machine:
		out = append(out, pipeline.Problem{Severity: qa.Warning, Code: "machine", Msg: "a machine draft: post-edit it, then mark it translated or reviewed (a build uses it only with --use-machine)"})
	case catalog.Aligned:
		out = append(out, pipeline.Problem{Severity: qa.Warning, Code: "aligned", Msg: "found in an existing translation by quipu align: review it and mark it translated (a build uses it only with --use-fuzzy)"})
	}
	out = append(out, qa.Run(qa.Input{Markdown: writesMarkdown(f), Segment: seg, Translation: m.Other, Locale: locale, Glossary: gl}, checks)...)
	// What only the document as a whole shows: tags moved where their
	// markup would add syntax or shows as text, words no reader would see.
	for _, pr := range rd.Res[i].Problems {
		if pr.Code == markdown.CodeMarkupAdded || pr.Code == markdown.CodeTextHidden {
			out = append(out, pr)
		}
	}
	if pr, ok := lost[seg]; ok && rd.Res[i].From.Locale == locale {
		out = append(out, pr)
	}
	return out
}

// writesMarkdown reports whether a format's translations are written into
// Markdown: its documents are built into a Markdown output.
func writesMarkdown(f format.Format) bool {
	return f != nil && slices.Contains(f.Outputs(), output.Markdown)
}
