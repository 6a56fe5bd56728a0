package qa

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Codes of the findings that make a translation unusable in a build, not
// only worth a look.
const (
	CodeURLAdded  = "url-added"
	CodeControl   = "control-char"
	CodeBidi      = "bidi-control"
	CodeZeroWidth = "zero-width"
)

// bareLinkRE matches what Markdown readers with autolinking (GitHub's
// Markdown, Hugo, goldmark's Linkify) turn into a link although nobody
// wrote one: an address with a scheme, one starting "www." and an e-mail
// address. It is broader than any one of them on purpose.
var bareLinkRE = regexp.MustCompile(`(?i)(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()"'»]*[^\s<>()"'».,;:!?*_~]|[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)

// AddedLinks returns a problem for each bare address (URL, www., e-mail)
// in the translation tr whose text is nowhere in the source message src.
// quipu's own pages show such an address as text, but the published
// Markdown file would get a new link from any reader that links bare
// addresses, so the translation is rejected (code url-added).
func AddedLinks(src, tr string) []pipeline.Problem {
	if !mayLink(tr) {
		return nil // the common case, without the cost of the expression
	}
	srcText := placeholder.Strip(src)
	var out []pipeline.Problem
	for _, t := range placeholder.Parse(tr) {
		if t.Kind != placeholder.Text {
			continue
		}
		for _, loc := range bareLinkRE.FindAllStringIndex(t.Text, -1) {
			u := t.Text[loc[0]:loc[1]]
			if strings.Contains(srcText, u) {
				continue
			}
			out = append(out, pipeline.Problem{Offset: t.Offset + loc[0], Severity: Error, Code: CodeURLAdded,
				Msg: fmt.Sprintf("%s is not in the source; Markdown readers that link bare addresses would make it a link", u)})
		}
	}
	return out
}

// BareLinks returns the [start, stop) byte offsets of the bare addresses
// in plain text s (URLs, www. addresses, e-mail addresses): what readers
// that link bare addresses would make links of, so that extraction can
// keep them from translators' hands as tags.
func BareLinks(s string) [][]int {
	if !mayLink(s) {
		return nil
	}
	return bareLinkRE.FindAllStringIndex(s, -1)
}

// mayLink reports whether s holds what every match of bareLinkRE holds.
func mayLink(s string) bool {
	if strings.Contains(s, "://") || strings.IndexByte(s, '@') >= 0 {
		return true
	}
	for i := strings.IndexByte(s, '.'); i >= 0; {
		if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
			return true
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// Controls returns a problem for the first control character of tr (C0,
// DEL or C1) other than a tab or a line break: invisible on the page, it
// can only hide or garble text (code control-char, an error).
func Controls(tr string) []pipeline.Problem {
	for i, r := range tr {
		if IsControl(r) {
			return []pipeline.Problem{{Offset: i, Severity: Error, Code: CodeControl,
				Msg: fmt.Sprintf("control character U+%04X; delete it", r)}}
		}
		if r == utf8.RuneError && !strings.HasPrefix(tr[i:], "\uFFFD") {
			return []pipeline.Problem{{Offset: i, Severity: Error, Code: CodeControl, Msg: "invalid UTF-8"}}
		}
	}
	return nil
}

// IsControl reports a C0 or C1 control character or DEL, except tab, line
// feed and carriage return, which are text in every format quipu reads.
func IsControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r':
		return false
	}
	return r < 0x20 || r >= 0x7F && r <= 0x9F
}

// isBidi reports the embedding, override and isolate controls, which
// reorder the text around them on screen (U+202A–U+202E, U+2066–U+2069),
// and the marks that move the text next to them (left-to-right and
// right-to-left marks, U+200E and U+200F, and the Arabic letter mark,
// U+061C).
func isBidi(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// isZeroWidth reports the invisible characters that join or split words
// without showing: zero-width space, non-joiner, joiner, word joiner, the
// invisible operators (U+2061–U+2064) and the byte order mark as a
// zero-width no-break space.
func isZeroWidth(r rune) bool {
	return r >= 0x200B && r <= 0x200D || r >= 0x2060 && r <= 0x2064 || r == 0xFEFF
}

// checkInvisible reports bidi controls and zero-width characters the
// translation adds: a bidi control can make a reader see text in another
// order than it is written ("gnp.exe" shown as "exe.png"), so it is an
// error; a zero-width character is sometimes right (a joiner in a name)
// and only a warning. Characters the source has too are the author's.
func checkInvisible(c *Translation) {
	seen := map[rune]bool{}
	for i, r := range c.Text {
		if seen[r] || strings.ContainsRune(c.Source, r) {
			continue
		}
		switch {
		case isBidi(r):
			seen[r] = true
			c.Report(i, Error, CodeBidi, "bidi control U+%04X would reorder the text on screen; delete it", r)
		case isZeroWidth(r):
			seen[r] = true
			c.Report(i, Warning, CodeZeroWidth, "invisible character U+%04X; delete it unless the word needs it", r)
		}
	}
}
