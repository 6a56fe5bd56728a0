package markdown

import (
	"html"
	"strings"
)

// PlainText turns a message's literal text, which is Markdown inline
// source, into what a reader sees: backslash escapes and entity references
// resolved, line breaks as spaces. Page titles and descriptions use it.
func PlainText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if c == '\n' || c == '\r' {
			c = ' '
		}
		b.WriteByte(c)
	}
	return html.UnescapeString(b.String())
}
