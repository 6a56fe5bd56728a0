package exchange

import (
	"fmt"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Outcome counts what a merge did with the units it was given.
type Outcome struct {
	Updated   int // translation or state taken from the tool
	Unchanged int // the tool left the unit as exported, or agrees with the file
	Empty     int // no translation offered: the message file keeps its own
	Conflicts int // both sides changed (reported as errors unless forced)
}

// Merge applies a tool's translations to the document's message file f,
// which must be in step with doc. It checks every unit and returns every
// problem; f is changed only when there are none.
//
// The rule that keeps newer work: a unit whose tool-side translation
// differs from both its export fingerprint (Base) and the message file is
// applied only if the message file still holds what was exported, or no
// translation at all; if the file changed too, that is a conflict, which
// force overrides. A unit the tool left as exported never overwrites the
// file, and an empty target never clears a translation.
func Merge(doc *pipeline.Document, f *catalog.File, r *Returned, force bool) (Outcome, pipeline.ErrorList) {
	var out Outcome
	var errs pipeline.ErrorList
	errAt := func(pos pipeline.Position, format string, args ...any) {
		errs = append(errs, &pipeline.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	segs := map[string]*pipeline.Segment{}
	for _, s := range doc.Segments {
		if segs[s.ID] == nil {
			segs[s.ID] = s
		}
	}
	msgs := f.Index()
	type change struct {
		m     *catalog.Message
		seg   *pipeline.Segment
		text  string
		state catalog.State
	}
	var changes []change
	seen := map[string]pipeline.Position{}
	for _, t := range r.Translations {
		if first, dup := seen[t.ID]; dup {
			errAt(t.Pos, "unit %q appears twice (first at %s)", t.ID, first)
			continue
		}
		seen[t.ID] = t.Pos
		seg, m := segs[t.ID], msgs[t.ID]
		if seg == nil || m == nil {
			errAt(t.Pos, "unknown unit %q: no such segment in %s (did its English change since the export? export again)", t.ID, doc.Path)
			continue
		}
		if t.Text == "" {
			out.Empty++
			continue
		}
		var bad []pipeline.Problem
		for _, pr := range placeholder.Check(placeholder.Parse(t.Text), seg.Placeholders) {
			if pr.Severity == pipeline.SeverityError {
				bad = append(bad, pr)
			}
		}
		if len(bad) > 0 && t.Text == m.Other {
			// A rejected translation come back as it went: the message
			// file has it already, and the build still rejects it.
			out.Unchanged++
			continue
		}
		for _, pr := range bad {
			errAt(t.PosAt(pr.Offset), "unit %q: %s", t.ID, pr.Msg)
		}
		if len(bad) > 0 {
			continue
		}
		if t.Base != "" && Fingerprint(t.State, t.Text) == t.Base {
			out.Unchanged++ // the translator did not touch it
			continue
		}
		state := t.State
		switch {
		case state == catalog.Untranslated:
			state = catalog.Translated // a target offered is a translation
		case (state == catalog.Stale || catalog.Draft(state)) && m.State != state:
			// Only quipu flags English changes, and only quipu makes
			// drafts: a tool cannot know of either.
			state = catalog.Translated
		}
		if t.Text == m.Other && (m.State == catalog.Reviewed || m.State == catalog.Stale || catalog.Draft(m.State)) && t.State != catalog.Reviewed && t.State != catalog.Translated {
			// A tool that drops the state altogether must not undo a
			// review, nor pass a fuzzy translation or a machine draft,
			// of the same text: only an edit, or a state the tool says,
			// changes it.
			state = m.State
		} else if state == catalog.Translated && m.State == catalog.Reviewed && t.Text == m.Other {
			// A tool that cannot carry "reviewed" must not undo a review.
			state = catalog.Reviewed
		}
		if state == m.State && t.Text == m.Other {
			out.Unchanged++
			continue
		}
		current := Fingerprint(m.State, m.Other)
		// A message file with no translation has no newer work to lose
		// (an export may have offered another locale's translation).
		fresh := t.Base == current || m.Other == ""
		if !fresh && !force {
			out.Conflicts++
			was := "no fingerprint of the exported translation, and the message file has one"
			if t.Base != "" {
				was = "the message file changed since the export"
			}
			errAt(t.Pos, "unit %q: conflict: %s (%s in %s: %q); use --force to overwrite it with %q",
				t.ID, was, stateName(m.State), f.Path, m.Other, t.Text)
			continue
		}
		changes = append(changes, change{m, seg, t.Text, state})
	}
	if len(errs) > 0 {
		return out, errs
	}
	for _, c := range changes {
		c.m.Other, c.m.State = c.text, c.state
		if c.state != catalog.Stale {
			// No longer fuzzy: the translation now answers the current
			// English, so it takes the current hash (goi18n's rule).
			c.m.Previous = ""
			c.m.Hash = catalog.Hash(string(c.seg.Kind), c.seg.Text)
		}
		out.Updated++
	}
	return out, nil
}

func stateName(s catalog.State) string {
	if s == catalog.Untranslated {
		return "untranslated"
	}
	return string(s)
}
