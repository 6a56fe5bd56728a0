package project

import (
	"slices"
	"sort"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/qa"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// checks are the checks quipu check runs: a check of its own package is
// added to this list.
var checks = qa.Checks

// Finding is one QA result, located in a message file.
type Finding struct {
	File     string            `json:"file"`
	Line     int               `json:"line"`
	Col      int               `json:"col"`
	Severity pipeline.Severity `json:"severity"`
	Code     string            `json:"code"`
	Message  string            `json:"message"`
	ID       string            `json:"id"`
	Doc      string            `json:"doc"`
	Locale   string            `json:"locale"`
}

// Check runs the QA checks on every translation of every document in the
// given locales (all targets when empty).
func (p *Project) Check(locales []string) ([]Finding, error) {
	locales, err := p.Config.SelectLocales(locales, true)
	if err != nil {
		return nil, err
	}
	gl, err := p.Glossary()
	if err != nil {
		return nil, err
	}
	var out []Finding
	err = p.eachDocument(locales, func(doc *pipeline.Document, s Source, locale string, files map[string]*catalog.File) {
		f := files[locale]
		if f == nil {
			return
		}
		// Each translation on its own: the chain's other locales are
		// checked as locales of their own.
		rd := localized.Resolve(p.Tree, doc, s, locale, map[string]*catalog.File{locale: f}, localized.EveryDraft)
		idx := f.Index()
		file := p.MessagePath(locale, s)
		lost := map[*pipeline.Segment]pipeline.Problem{}
		for _, l := range rd.LosesMarkup(doc) {
			lost[l.Segment] = l.Problem
		}
		seen := map[string]bool{}
		for i, seg := range doc.Segments {
			m := idx[seg.ID]
			if m == nil || seen[seg.ID] || !m.Translated() {
				continue
			}
			seen[seg.ID] = true
			at := resolve.Origin{Locale: locale, File: file, Message: m}
			add := func(pr pipeline.Problem) {
				pos := at.Pos(pr.Offset)
				out = append(out, Finding{File: file, Line: pos.Line, Col: pos.Col, Severity: pr.Severity, Code: pr.Code, Message: pr.Msg, ID: m.ID, Doc: doc.Path, Locale: locale})
			}
			if m.State == catalog.Stale {
				add(pipeline.Problem{Severity: qa.Warning, Code: "fuzzy", Msg: "the English changed since this was translated: review it and remove the fuzzy flag (a build uses the next translation along the chain, or the English)"})
			}
			if m.State == catalog.Machine {
				add(pipeline.Problem{Severity: qa.Warning, Code: "machine", Msg: "a machine draft: post-edit it, then mark it translated or reviewed (a build uses it only with --use-machine)"})
			}
			if m.State == catalog.Aligned {
				add(pipeline.Problem{Severity: qa.Warning, Code: "aligned", Msg: "found in an existing translation by quipu align: review it and mark it translated (a build uses it only with --use-fuzzy)"})
			}
			for _, pr := range qa.Run(qa.Input{Markdown: writesMarkdown(p.Formats.For(doc.Path)), Segment: seg, Translation: m.Other, Locale: locale, Glossary: gl}, checks) {
				add(pr)
			}
			// What only the document as a whole shows: tags moved where
			// their markup would add syntax or shows as text, words no
			// reader would see.
			for _, pr := range rd.Res[i].Problems {
				if pr.Code == markdown.CodeMarkupAdded || pr.Code == markdown.CodeTextHidden {
					add(pr)
				}
			}
			if pr, ok := lost[seg]; ok && rd.Res[i].From.Locale == locale {
				add(pr)
			}
		}
	})
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out, err
}

// writesMarkdown reports whether a format's translations are written into
// Markdown: its documents are built into a Markdown output.
func writesMarkdown(f format.Format) bool {
	return f != nil && slices.Contains(f.Outputs(), output.Markdown)
}
