// Package suggest finds the word a user probably meant, for "did you
// mean" hints on mistyped commands, flags, keys and locales.
package suggest

import "strings"

// Nearest returns the candidate closest to s, compared without case, if
// it is close enough to be what was meant: at most a third of its letters
// off (at least one, at most three; none for words under three letters). A candidate equal to s but for case
// wins outright, so "es-pe" finds "es-PE".
func Nearest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	limit := min(3, max(1, len(s)/3))
	if len([]rune(s)) < 3 {
		limit = 0 // one letter off in "-v" or "fr" is another word, not a typo
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of two neighbours ("biuld") cost one.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
