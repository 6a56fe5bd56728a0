package markdown

import (
	"html"
	"strings"
)

// PlainText turns a message's literal text, which is Markdown inline
// source, into what a reader sees: backslash escapes and entity references
// resolved, runs of white space (line breaks included) as one space. Page titles and descriptions use it.
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
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
