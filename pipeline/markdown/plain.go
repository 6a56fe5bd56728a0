package markdown

import (
	"html"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// ReaderText is a message's literal text with the bare addresses among
// its tags put back: a URL or e-mail address that GFM links is a tag for
// the translator but text for the reader, so a page's description and word
// count keep it. Other markup is left out, as placeholder.Strip does.
func ReaderText(msg string, phs []pipeline.Placeholder) string {
	var b strings.Builder
	for _, t := range placeholder.Parse(msg) {
		switch {
		case t.Kind == placeholder.Text:
			b.WriteString(t.Text)
		case t.Kind == placeholder.Standalone && t.N >= 1 && t.N <= len(phs) && bareAddress(phs[t.N-1].Open):
			b.WriteString(phs[t.N-1].Open)
		}
	}
	return b.String()
}

// bareAddress reports whether a standalone tag's markup is a bare URL or
// e-mail address: every other standalone markup starts with punctuation
// (`code`, <autolink>, <html>, [^1], a line break's backslash or spaces).
func bareAddress(open string) bool {
	if open == "" {
		return false
	}
	c := open[0]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

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
