package pipeline

import (
	"strings"
	"unicode/utf8"
)

// Shorten cuts s to at most max bytes for a one-line note beside a
// message, ending it with "..." when cut. It cuts at a rune boundary and
// replaces invalid UTF-8, because the note goes into a TOML comment and
// go-i18n rejects a file whose comments are not valid UTF-8.
func Shorten(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= max {
		return s
	}
	cut := max - len("...")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
