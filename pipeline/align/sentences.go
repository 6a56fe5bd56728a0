package align

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// abbreviations end with a period but rarely end a sentence, in English
// or Spanish.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "etc.": true, "vs.": true, "mr.": true, "mrs.": true, "dr.": true,
	"sr.": true, "sra.": true, "p.": true, "ej.": true, "pág.": true, "núm.": true, "no.": true,
	"ee.": true, "uu.": true, "cf.": true, "fig.": true, "approx.": true, "aprox.": true,
}

// Sentences splits a message into sentences: after ".", "!", "?" or "…"
// (and any closing quotes or brackets) followed by a space and a capital
// letter, a digit, "¿", "¡" or a tag, and never inside a pair of tags, so
// each sentence keeps its markup whole. The pieces joined with single
// spaces give back the message, spaces between sentences aside.
func Sentences(msg string) []string {
	var out []string
	depth := 0
	start := 0
	toks := placeholder.Parse(msg)
	for ti, t := range toks {
		switch t.Kind {
		case placeholder.Open:
			depth++
			continue
		case placeholder.Close:
			depth--
			continue
		case placeholder.Standalone:
			continue
		}
		if depth > 0 {
			continue
		}
		s := t.Text
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if r != '.' && r != '!' && r != '?' && r != '…' {
				continue
			}
			j := i
			for j < len(s) && strings.ContainsRune(`"')]»”’`, rune(s[j])) {
				j++
			}
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t') {
				k++
			}
			if k == j {
				continue // no space: a decimal point, a file name, an ellipsis in a word
			}
			var next rune
			if k < len(s) {
				next, _ = utf8.DecodeRuneInString(s[k:])
			} else if ti+1 < len(toks) {
				next = '<' // a tag opens the next sentence
			} else {
				continue // the message's end
			}
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '¿' || next == '¡' || next == '<' || next == '"' || next == '“') {
				continue
			}
			if r == '.' && abbreviated(s[:i]) {
				continue
			}
			if !hasLetter(msg[start : t.Offset+j]) {
				continue // a number ("1.5.6. Shell glob"), not a sentence
			}
			end := t.Offset + j
			out = append(out, strings.TrimSpace(msg[start:end]))
			start = t.Offset + k
		}
	}
	if rest := strings.TrimSpace(msg[start:]); rest != "" || len(out) == 0 {
		out = append(out, rest)
	}
	return out
}

// abbreviated reports whether text ends with an abbreviation or a single
// letter's initial ("J. R. R. Tolkien").
func abbreviated(text string) bool {
	i := strings.LastIndexAny(text, " \n\t(")
	word := strings.ToLower(text[i+1:])
	if abbreviations[word] {
		return true
	}
	return utf8.RuneCountInString(word) == 2 && unicode.IsLetter([]rune(word)[0])
}

func hasLetter(s string) bool { return strings.IndexFunc(placeholder.Strip(s), unicode.IsLetter) >= 0 }
