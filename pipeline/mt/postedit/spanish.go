package postedit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Inverted opens each question and exclamation with ¿ and ¡, which
// engines that translate word by word leave out: "Qué es?" → "¿Qué es?".
// The mark goes at the start of the sentence; a sentence that already has
// its opening mark is left as it is.
func Inverted(s string) string {
	start := 0 // where the current sentence starts in s
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		end := i + n
		if (r == '?' || r == '!') && !opened(s[start:i], r) {
			open := "¿"
			if r == '!' {
				open = "¡"
			}
			at := questionStart(s, sentenceStart(s, start), i)
			s = s[:at] + open + s[at:]
			i += len(open)
			end += len(open)
		}
		if sentenceEnd(s, i, r) {
			start = end
		}
		i = end
	}
	return s
}

// clauseRE finds the clauses after a comma or a colon, and their first
// word, where a question inside a sentence may begin.
var clauseRE = regexp.MustCompile(`[,:] +(\p{L}+)`)

// interrogatives begin a question after a comma ("Tan, ¿qué pasa?").
var interrogatives = map[string]bool{"qué": true, "quién": true, "quiénes": true, "cómo": true, "cuándo": true, "dónde": true,
	"cuál": true, "cuáles": true, "cuánto": true, "cuánta": true, "cuántos": true, "cuántas": true, "por": true}

// questionStart is where the question or exclamation of the sentence
// s[start:end] begins: after its last colon ("Mitos: ¿Hay bases?"), or
// at an interrogative word after a comma ("Tan, ¿qué pasa?"), else at
// the sentence's start.
func questionStart(s string, start, end int) int {
	at := start
	for _, m := range clauseRE.FindAllStringSubmatchIndex(s[start:end], -1) {
		word := strings.ToLower(s[start+m[2] : start+m[3]])
		rest := s[start+m[2] : end]
		if s[start+m[0]] == ':' || interrogatives[word] && (word != "por" || strings.HasPrefix(strings.ToLower(rest), "por qué")) {
			at = start + m[2]
		}
	}
	return at
}

// opened reports whether a sentence has the opening mark of close.
func opened(sentence string, close rune) bool {
	if close == '?' {
		return strings.ContainsRune(sentence, '¿')
	}
	return strings.ContainsRune(sentence, '¡')
}

// sentenceStart skips the spaces, line breaks and opening quotes or
// brackets before a sentence's first word.
func sentenceStart(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// sentenceEnd reports whether the rune r at i ends a sentence: a period,
// question or exclamation mark followed by a space and a capital letter
// (or the end), and not a short abbreviation's period (EE. UU.).
func sentenceEnd(s string, i int, r rune) bool {
	if r != '.' && r != '?' && r != '!' && r != '…' {
		return false
	}
	rest := s[i+utf8.RuneLen(r):]
	if rest == "" {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsSpace(next) {
		return false
	}
	if r == '.' {
		word := s[:i]
		if j := strings.LastIndexFunc(word, func(c rune) bool { return !unicode.IsLetter(c) }); j >= 0 {
			word = word[j+1:]
		}
		if n := utf8.RuneCountInString(word); n > 0 && n <= 2 && strings.ToUpper(word) == word {
			return false // EE. UU., an initial
		}
	}
	after := strings.TrimLeftFunc(rest, unicode.IsSpace)
	first, _ := utf8.DecodeRuneInString(after)
	return after == "" || !unicode.IsLower(first)
}

// peruRE finds Perú after a preposition with no article.
var peruRE = regexp.MustCompile(`\b((?i:en|de|a|para|por|con|sobre|hacia|desde|hasta|entre)) Perú`)

// ElPeru gives Perú its article after a preposition, as the Peruvian
// press writes it: "en Perú" → "en el Perú", "de Perú" → "del Perú",
// "a Perú" → "al Perú".
func ElPeru(s string) string {
	return peruRE.ReplaceAllStringFunc(s, func(m string) string {
		prep := m[:strings.IndexByte(m, ' ')]
		switch strings.ToLower(prep) {
		case "de":
			return prep + "l Perú"
		case "a":
			return prep + "l Perú"
		}
		return prep + " el Perú"
	})
}
