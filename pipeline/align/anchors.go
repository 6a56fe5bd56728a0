package align

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Anchors are what survives translation unchanged in a segment: numbers,
// URLs, code and other markup that carries content, and proper nouns
// (capitalized words inside a sentence). Two segments that translate each
// other share most of theirs. Keys are prefixed by kind: "n:" numbers,
// "u:" URLs in the text and "m:" code, which must agree ("hard"); "w:"
// proper nouns and "l:" link targets, which translations may change.
type Anchors map[string]int

var (
	urlRe    = regexp.MustCompile(`[a-z][a-z0-9+.-]*://[^\s<>"')\]]+`)
	numberRe = regexp.MustCompile(`\d+(?:[.,:]\d+)*`)
)

// AnchorsOf collects a segment's anchors. Numbers are kept as their digits
// (1,000 and 1.000 agree); URLs without a trailing period; markup by what
// it stands for, so the same code span or link target agrees whatever
// number its tag has.
func AnchorsOf(text string, phs []pipeline.Placeholder) Anchors {
	a := Anchors{}
	for _, ph := range phs {
		if ph.Content {
			a[markupAnchor(ph)]++
		}
	}
	plain := placeholder.Strip(text)
	for _, u := range urlRe.FindAllString(plain, -1) {
		a["u:"+strings.TrimRight(u, ".,;:")]++
	}
	plain = urlRe.ReplaceAllString(plain, " ")
	for _, n := range numberRe.FindAllString(plain, -1) {
		a["n:"+strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, n)]++
	}
	for _, w := range properNouns(plain) {
		a["w:"+w]++
	}
	return a
}

// properNouns are the capitalized words that do not open a sentence, and
// words written in capitals or with inner capitals (GNU, systemd's
// NetworkManager) anywhere.
func properNouns(s string) []string {
	var out []string
	start := true
	for _, w := range strings.Fields(s) {
		word := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if word != "" {
			first, _ := utf8.DecodeRuneInString(word)
			inner := strings.IndexFunc(word[utf8.RuneLen(first):], unicode.IsUpper) >= 0
			if utf8.RuneCountInString(word) > 1 && (inner || (unicode.IsUpper(first) && !start)) {
				out = append(out, word)
			}
		}
		last, _ := utf8.DecodeLastRuneInString(w)
		start = last == '.' || last == '!' || last == '?' || last == ':'
	}
	return out
}

// Add sums b into a.
func (a Anchors) Add(b Anchors) {
	for k, n := range b {
		a[k] += n
	}
}

// Agreement is how much two segments' anchors agree, from 0 to 1 (Dice's
// coefficient over the two multisets), and whether there was anything to
// compare. Proper nouns count for less than the rest: translations may
// change them (England, Inglaterra).
func Agreement(a, b Anchors) (score float64, any bool) {
	var both, total float64
	for k, n := range a {
		w := weight(k)
		total += w * float64(n)
		both += w * float64(min(n, b[k]))
	}
	for k, n := range b {
		total += weight(k) * float64(n)
	}
	if total == 0 {
		return 0, false
	}
	return 2 * both / total, true
}

func weight(k string) float64 {
	if soft(k) {
		return 0.5
	}
	return 1
}

// soft reports an anchor a translation may change: a proper noun, a link
// target.
func soft(k string) bool { return strings.HasPrefix(k, "w:") || strings.HasPrefix(k, "l:") }

// Hard reports whether the anchors that must agree between a segment and
// its translation (numbers, URLs, code and links) do: the automatic check
// of an alignment.
func Hard(a, b Anchors) bool {
	for k, n := range a {
		if !soft(k) && b[k] != n {
			return false
		}
	}
	for k, n := range b {
		if !soft(k) && a[k] != n {
			return false
		}
	}
	return true
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// markupAnchor names what markup carries, the same in Markdown and HTML:
// a link's or image's target, code's text.
func markupAnchor(ph pipeline.Placeholder) string {
	k := labelKind(ph.Label)
	if k == "link" || k == "image" {
		// A soft anchor: a translated page links to translated pages.
		if target := strings.TrimSpace(strings.TrimPrefix(ph.Label, k)); target != "" {
			return "l:" + target
		}
		return "l:" + strings.Trim(ph.Open, "<>")
	}
	return "m:" + strings.TrimSpace(strings.Trim(tagRe.ReplaceAllString(ph.Open+ph.Close, ""), "`"))
}
