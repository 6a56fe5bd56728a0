package qa

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Referenced returns a problem for each character that a character
// reference in tr, a translation of seg, stands for (&#7;, &#x202E;,
// &rlm;) and that tr may not hold: a control character (code
// control-char, an error), or a bidi control (bidi-control, an error) or
// zero-width character (zero-width, a warning) seg's text shows nowhere,
// typed or referenced. A Markdown
// reader writes the character itself into the page, and so do the page's
// title and description, so a reference is checked as if the character
// were typed; a build rejects a translation with any of these errors
// (see Unusable). Not for HTML documents, where quipu writes a
// translation's "&" as "&amp;" and a reference stays text.
func Referenced(seg *pipeline.Segment, tr string) []pipeline.Problem {
	if strings.IndexByte(tr, '&') < 0 {
		return nil // the common case
	}
	src := seg.Text
	var srcRefs map[rune]bool
	shown := func(r rune) bool {
		if strings.ContainsRune(src, r) {
			return true
		}
		if srcRefs == nil {
			srcRefs = map[rune]bool{}
			references(src, seg.Placeholders, func(_ int, _ string, r rune) { srcRefs[r] = true })
		}
		return srcRefs[r]
	}
	var out []pipeline.Problem
	seen := map[rune]bool{}
	add := func(off int, sev pipeline.Severity, code, format string, args ...any) {
		out = append(out, pipeline.Problem{Offset: off, Severity: sev, Code: code, Msg: fmt.Sprintf(format, args...)})
	}
	references(tr, seg.Placeholders, func(off int, ref string, r rune) {
		if seen[r] {
			return
		}
		switch {
		case IsControl(r):
			add(off, Error, CodeControl, "%s is the control character U+%04X; delete it", ref, r)
		case isBidi(r) && !shown(r):
			add(off, Error, CodeBidi, "%s is the bidi control U+%04X, which would reorder the text on screen; delete it", ref, r)
		case isZeroWidth(r) && !shown(r):
			add(off, Warning, CodeZeroWidth, "%s is the invisible character U+%04X; delete it unless the word needs it", ref, r)
		default:
			return
		}
		seen[r] = true
	})
	return out
}

// checkReferenced reports the characters a translation written into
// Markdown holds as character references (see Referenced). quipu's HTML
// documents write a translation's "&" as "&amp;": there a reference is
// shown as typed.
func checkReferenced(c *Translation) {
	if c.Markdown {
		c.out = append(c.out, Referenced(c.Segment, c.Text)...)
	}
}

// Unusable returns the problems that keep a translation of a document
// built through Markdown out of the page: a control character, typed or
// referenced, and a bidi control written as a reference the source does
// not have, which no translation needs. Errors only; nil when none.
func Unusable(seg *pipeline.Segment, tr string) []pipeline.Problem {
	if probs := Controls(tr); probs != nil {
		return probs
	}
	var out []pipeline.Problem
	for _, p := range Referenced(seg, tr) {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// references calls f with each character a character reference in s may
// stand for, the reference as written and the offset of its "&" in s.
// The text is read twice: with its tags removed, as the page's title and
// description remove most tags ("&#x20<1/>2E;" is a reference there), and
// with the markup of its standalone tags put in, as they keep a bare
// address ("&#x202<1/>" before "Emily@example.org" is one too). A
// reference wholly inside a tag's markup is the source's and skipped.
// Each reference is read as CommonMark reads it (goldmark: a name, or 1–7
// decimal or 1–6 hex digits, then ";") and as html.UnescapeString does for
// the title and description (no ";" needed, any number of digits,
// 128–159 as Windows-1252); f gets the characters of both.
func references(s string, phs []pipeline.Placeholder, f func(off int, ref string, r rune)) {
	if strings.IndexByte(s, '&') < 0 {
		return
	}
	toks := placeholder.Parse(s)
	for _, withTags := range []bool{false, true} {
		var plain []byte
		var from []int // for each byte of plain, its offset in s, or -1 in a tag's markup
		for _, t := range toks {
			text := t.Text
			switch {
			case t.Kind == placeholder.Text:
			case withTags && t.Kind == placeholder.Standalone && t.N >= 1 && t.N <= len(phs):
				text = phs[t.N-1].Open
			default:
				continue
			}
			for i := range len(text) {
				if t.Kind == placeholder.Text {
					from = append(from, t.Offset+i)
				} else {
					from = append(from, -1)
				}
			}
			plain = append(plain, text...)
		}
		if withTags && !slices.Contains(from, -1) {
			return // no markup put in: read already
		}
		for i := 0; i < len(plain); i++ {
			if plain[i] != '&' {
				continue
			}
			end := referenceEnd(plain, i)
			off := -1
			for k := i; k < end && off < 0; k++ {
				off = from[k]
			}
			if off < 0 {
				continue // the source's markup alone
			}
			ref := string(plain[i:end])
			if r, ok := commonMarkNumeric(ref); ok {
				f(off, ref, r)
			}
			if dec := html.UnescapeString(ref); dec != ref {
				for _, r := range dec {
					f(off, ref, r)
				}
			}
		}
	}
}

// referenceEnd is where the character reference that may start at
// plain[i], an "&", ends: past "#", an "x", letters and digits, and ";".
func referenceEnd(plain []byte, i int) int {
	j := i + 1
	if j < len(plain) && plain[j] == '#' {
		j++
		if j < len(plain) && (plain[j] == 'x' || plain[j] == 'X') {
			j++
		}
	}
	for j < len(plain) && isAlnum(plain[j]) {
		j++
	}
	if j < len(plain) && plain[j] == ';' {
		j++
	}
	return j
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// commonMarkNumeric decodes a numeric reference as goldmark's renderer
// does: "&#" and 1–7 decimal digits, or "&#x" and 1–6 hex digits, then ";".
func commonMarkNumeric(ref string) (rune, bool) {
	digits, ok := strings.CutPrefix(ref, "&#")
	if !ok || !strings.HasSuffix(digits, ";") {
		return 0, false
	}
	digits = digits[:len(digits)-1]
	base, most := 10, 7
	if digits != "" && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base, most = digits[1:], 16, 6
	}
	if digits == "" || len(digits) > most {
		return 0, false
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
