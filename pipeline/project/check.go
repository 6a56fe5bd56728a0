package project

import (
	"sort"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/msgedit"
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
			for _, pr := range msgedit.Problems(checks, p.Formats.For(doc.Path), doc, &rd, i, m, locale, gl, lost) {
				pos := at.Pos(pr.Offset)
				out = append(out, Finding{File: file, Line: pos.Line, Col: pos.Col, Severity: pr.Severity, Code: pr.Code, Message: pr.Msg, ID: m.ID, Doc: doc.Path, Locale: locale})
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
