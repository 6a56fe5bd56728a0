package po

import (
	"fmt"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// Decode reads a PO file quipu exported and a tool changed: the header
// names the document and locale, each entry's msgctxt its message. Every
// problem is reported, each at its line and column.
//
// States: an empty msgstr offers no translation; the fuzzy flag makes a
// fuzzy translation, and any other msgstr a translated one (which leaves a
// reviewed message reviewed if its text is the same: see exchange.Merge).
func Decode(name string, data []byte) (*exchange.Returned, error) {
	// Entries with syntax errors are left out; the others are still
	// checked, so one run reports everything.
	entries, err := Parse(name, data)
	var errs pipeline.ErrorList
	if err != nil {
		if entries == nil {
			return nil, err
		}
		errs = append(errs, err.(pipeline.ErrorList)...)
	}
	syntax := len(errs) > 0
	errAt := func(pos pipeline.Position, format string, args ...any) {
		errs = append(errs, &pipeline.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	r := &exchange.Returned{Pos: pipeline.Position{File: name, Line: 1, Col: 1}}
	headerSeen := false
	for _, e := range entries {
		if !e.HasContext && e.ID == "" {
			if headerSeen {
				errAt(e.Pos, "a second header entry")
				continue
			}
			headerSeen = true
			r.Pos = e.Pos
			header(e, r, errAt)
			continue
		}
		if !e.HasContext {
			errAt(e.Pos, "entry has no msgctxt: quipu needs the message ID there")
			continue
		}
		if e.HasPlural {
			errAt(e.Pos, "message %q: plural entries are not quipu's (document segments are never plural)", e.Context)
			continue
		}
		t := &exchange.Translation{ID: e.Context, Text: e.Str, Pos: e.ContextPos, Spans: e.StrSpans}
		if probs := qa.Controls(t.Text); probs != nil {
			// Invisible on a page, it could only hide or garble text.
			errAt(t.PosAt(probs[0].Offset), "message %q: %s", e.Context, probs[0].Msg)
			continue
		}
		switch {
		case e.Str == "":
			t.State = catalog.Untranslated
		case e.HasFlag("fuzzy") && e.HasFlag(string(catalog.Aligned)):
			t.State = catalog.Aligned
		case e.HasFlag("fuzzy") && machineDraft(e.Extracted):
			t.State = catalog.Machine
		case e.HasFlag("fuzzy"):
			t.State = catalog.Stale
		default:
			t.State = catalog.Translated
		}
		for _, x := range e.Extracted {
			if v, ok := strings.CutPrefix(x, BaseNote); ok {
				t.Base = strings.TrimSpace(v)
			}
		}
		r.Translations = append(r.Translations, t)
		if r.Document == "" {
			r.Document = documentOf(e.References)
		}
	}
	switch {
	case syntax && (r.Locale == "" || r.Document == ""):
		// The header may be among the entries left out.
	case !headerSeen:
		errAt(r.Pos, "no header entry (msgid \"\"): which locale is this file for?")
	case r.Locale == "":
		errAt(r.Pos, "the header has no Language field: which locale is this file for?")
	}
	if r.Document == "" && !syntax {
		errAt(r.Pos, "the header has no %s field and no entry a #: reference: which document is this file for?", DocumentField)
	}
	return r, errs.Err()
}

// header reads the fields of the header entry that tell where the
// translations go.
func header(e *Entry, r *exchange.Returned, errAt func(pipeline.Position, string, ...any)) {
	for _, line := range strings.Split(e.Str, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "Language":
			r.Locale = strings.ReplaceAll(value, "_", "-")
		case SourceLanguageField:
			r.SourceLocale = strings.ReplaceAll(value, "_", "-")
		case DocumentField:
			r.Document = value
		case "Content-Type":
			if _, cs, ok := strings.Cut(value, "charset="); ok {
				if cs = strings.TrimSpace(cs); !strings.EqualFold(cs, "UTF-8") && cs != "CHARSET" {
					errAt(e.StrPos, "charset %q: quipu reads UTF-8 PO files only; save the file as UTF-8", cs)
				}
			}
		}
	}
}

// documentOf reads the document path from a "#: path:line" reference,
// for tools that drop unknown header fields. gettext wraps a path that
// holds spaces in Unicode isolates.
func documentOf(refs []string) string {
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		if rest, ok := strings.CutPrefix(ref, "\u2068"); ok {
			if path, _, ok := strings.Cut(rest, "\u2069"); ok {
				return path
			}
		}
		f, _, _ := strings.Cut(ref, " ")
		if i := strings.LastIndexByte(f, ':'); i > 0 {
			return f[:i]
		}
	}
	return ""
}

// machineDraft reports whether an entry's notes say it is a machine
// draft: kept fuzzy in the tool, it comes back a draft, not a fuzzy
// translation (which a tool cannot make: only quipu flags English changes).
func machineDraft(notes []string) bool {
	for _, n := range notes {
		if strings.HasPrefix(n, exchange.MachineNote) {
			return true
		}
	}
	return false
}
