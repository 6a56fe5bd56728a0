package mt

import (
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// tagSpace puts back the spaces an engine dropped around the tags it
// kept: where the source has white space beside a tag and the draft puts
// a letter or digit right against the same tag, a space goes between
// them, or the page would glue two words ("clic<1>aquí</1>y"). Punctuation
// against a tag, and spacing the draft has, are its own.
func tagSpace(src, draft string) string {
	type sides struct{ before, after bool }
	spaced := map[string]sides{}
	stoks := placeholder.Parse(src)
	for i, t := range stoks {
		if t.Kind == placeholder.Text {
			continue
		}
		var s sides
		if i > 0 && stoks[i-1].Kind == placeholder.Text {
			r, _ := utf8.DecodeLastRuneInString(stoks[i-1].Text)
			s.before = unicode.IsSpace(r)
		}
		if i+1 < len(stoks) && stoks[i+1].Kind == placeholder.Text {
			r, _ := utf8.DecodeRuneInString(stoks[i+1].Text)
			s.after = unicode.IsSpace(r)
		}
		spaced[t.Text] = s
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	toks := placeholder.Parse(draft)
	for i, t := range toks {
		s, ok := spaced[t.Text]
		if t.Kind == placeholder.Text || !ok {
			continue
		}
		if s.before && i > 0 && toks[i-1].Kind == placeholder.Text {
			if r, _ := utf8.DecodeLastRuneInString(toks[i-1].Text); word(r) {
				toks[i-1].Text += " "
			}
		}
		if s.after && i+1 < len(toks) && toks[i+1].Kind == placeholder.Text {
			if r, _ := utf8.DecodeRuneInString(toks[i+1].Text); word(r) {
				toks[i+1].Text = " " + toks[i+1].Text
			}
		}
	}
	var b []byte
	for _, t := range toks {
		b = append(b, t.Text...)
	}
	return string(b)
}
