package postedit

import (
	"regexp"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// sourceNumRE finds numbers as English writes them: 1,234,567.89, 3.5,
// 2024.
var sourceNumRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+`)

// draftNumRE finds numbers in a draft with a separator of either
// convention: 1.234,5, 1,234.5, 3,5, 1 234.
var draftNumRE = regexp.MustCompile(`\d{1,3}(?:[.,\x{00a0}\x{202f}]\d{3})+(?:[.,]\d+)?|\d+[.,]\d+`)

// Numbers writes the draft's numbers with the locale's decimal and
// grouping separators, from CLDR through x/text (es-PE: 1,234.56, where
// Spain writes 1.234,56). Only a number the source has is rewritten, read
// in whichever convention gives the source's value, so that 1.234 is
// 1,234 or 1.234 as the English says, never a guess.
func Numbers(source, draft string, locale language.Tag) string {
	values := map[string]string{} // value → the source's digits and separators
	for _, n := range sourceNumRE.FindAllString(placeholder.Strip(source), -1) {
		values[value(n, ',', '.')] = n
	}
	group, decimal := separators(locale)
	return draftNumRE.ReplaceAllStringFunc(draft, func(n string) string {
		for _, conv := range [][2]rune{{',', '.'}, {'.', ','}, {'\u00a0', ','}, {'\u202f', ','}, {'\u00a0', '.'}} {
			src, ok := values[value(n, conv[0], conv[1])]
			if !ok {
				continue
			}
			return strings.Map(func(r rune) rune {
				switch r {
				case ',':
					return group
				case '.':
					return decimal
				}
				return r
			}, src)
		}
		return n
	})
}

// value reads a number written with the given separators as its digits
// with "." before the fraction ("1.234,5" with '.', ',' → "1234.5"); a
// number that cannot be read so gives "".
func value(n string, group, decimal rune) string {
	var b strings.Builder
	seenDecimal := false
	for _, r := range n {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == decimal && !seenDecimal:
			seenDecimal = true
			b.WriteByte('.')
		case r == group && !seenDecimal:
		default:
			return ""
		}
	}
	return b.String()
}

// separators returns the locale's grouping and decimal separators, as
// x/text formats 1234.5 in it.
func separators(locale language.Tag) (group, decimal rune) {
	s := message.NewPrinter(locale).Sprint(number.Decimal(1234.5, number.MinFractionDigits(1)))
	group, decimal = ',', '.'
	rs := []rune(s)
	if len(rs) == 7 { // 1?234?5
		group = rs[1]
	}
	if len(rs) >= 2 {
		decimal = rs[len(rs)-2]
	}
	return group, decimal
}
