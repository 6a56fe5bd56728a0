// Package pseudo makes pseudo-translations: accented, about a third longer,
// bracketed text with every placeholder kept, so editors can see what is
// untranslated, truncated or hard-coded before translators start.
package pseudo

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Locale is the tag of the built-in pseudo-locale (a private-use tag
// reserved for pseudo-localization by convention).
const Locale = "qps"

var accents = map[rune]string{
	'a': "á", 'b': "ƀ", 'c': "ç", 'd': "ð", 'e': "é", 'f': "ƒ", 'g': "ĝ", 'h': "ĥ", 'i': "í", 'j': "ĵ",
	'k': "ķ", 'l': "ļ", 'm': "ɱ", 'n': "ñ", 'o': "ó", 'p': "þ", 'q': "ǫ", 'r': "ŕ", 's': "š", 't': "ţ",
	'u': "ú", 'v': "ṽ", 'w': "ŵ", 'x': "ẋ", 'y': "ý", 'z': "ž",
	'A': "Á", 'B': "Ɓ", 'C': "Ç", 'D': "Ð", 'E': "É", 'F': "Ƒ", 'G': "Ĝ", 'H': "Ĥ", 'I': "Í", 'J': "Ĵ",
	'K': "Ķ", 'L': "Ļ", 'M': "Ṁ", 'N': "Ñ", 'O': "Ó", 'P': "Þ", 'Q': "Ǫ", 'R': "Ŕ", 'S': "Š", 'T': "Ţ",
	'U': "Ú", 'V': "Ṽ", 'W': "Ŵ", 'X': "Ẋ", 'Y': "Ý", 'Z': "Ž",
}

// Translate pseudo-translates a message: ASCII letters get accents, vowels
// are doubled (about 30% longer, like Spanish), the text is wrapped in ⟦ ⟧
// so truncation shows, and tags, entities and backslash escapes are kept.
// The brackets go inside leading opening tags and trailing closing tags:
// next to emphasis delimiters, punctuation would change what they match.
func Translate(msg string) string { return translate(msg, nil) }

// AttributesLabel is the label of a tag that stands for an attribute list
// ("{.lead}", "{: .class }"), which a site generator reads only at the
// end of its line or right after the element it applies to.
const AttributesLabel = "attributes"

// Segment pseudo-translates seg's text as Translate does, keeping its
// trailing attribute lists outside the brackets, where a site generator
// still reads them: "⟦Ťéẋť⟧{.lead}", "[⟦Ĝúúíðéé⟧](guide.md){ .md-button }".
func Segment(seg *pipeline.Segment) string { return translate(seg.Text, seg.Placeholders) }

func translate(msg string, phs []pipeline.Placeholder) string {
	var b strings.Builder
	b.Grow(len(msg) * 2)
	toks := placeholder.Parse(msg)
	first, last := 0, len(toks)-1
	for first < len(toks) && toks[first].Kind == placeholder.Open {
		first++
	}
	attr := func(t placeholder.Token) bool {
		return t.Kind == placeholder.Standalone && t.N >= 1 && t.N <= len(phs) && phs[t.N-1].Label == AttributesLabel
	}
	for last > first && (toks[last].Kind == placeholder.Close || attr(toks[last])) {
		last--
	}
	for i, t := range toks {
		if i == first {
			b.WriteString("⟦")
		}
		if t.Kind != placeholder.Text {
			b.WriteString(t.Text)
			if i == last {
				b.WriteString("⟧")
			}
			continue
		}
		s, tail := t.Text, ""
		if i == last && last < len(toks)-1 {
			// A line break before an attribute list stays after the
			// bracket, so that the list keeps its own line.
			trimmed := strings.TrimRight(s, " \t\r\n")
			s, tail = trimmed, s[len(trimmed):]
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '\\' && i+1 < len(s):
				b.WriteByte(c)
				b.WriteByte(s[i+1])
				i++
			case c == '&':
				if n := entityLen(s[i:]); n > 0 {
					b.WriteString(s[i : i+n])
					i += n - 1
				} else {
					b.WriteByte(c)
				}
			case c < 0x80 && accents[rune(c)] != "":
				a := accents[rune(c)]
				b.WriteString(a)
				if strings.IndexByte("aeiouAEIOU", c) >= 0 {
					b.WriteString(a)
				}
			default:
				b.WriteByte(c)
			}
		}
		if i == last {
			b.WriteString("⟧")
		}
		b.WriteString(tail)
	}
	if first == len(toks) {
		b.WriteString("⟦⟧")
	}
	return b.String()
}

// entityLen returns the length of an HTML entity reference at the start of
// s ("&amp;", "&#123;", "&#x1F;"), or 0.
func entityLen(s string) int {
	i := 1
	for i < len(s) && i < 33 && (s[i] == '#' || s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i > 1 && i < len(s) && s[i] == ';' {
		return i + 1
	}
	return 0
}
