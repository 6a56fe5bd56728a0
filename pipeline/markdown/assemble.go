package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// Localize writes the document with each segment replaced by its
// translation and returns it with its parsed tree. Translations are first
// written as the translator wrote them; if that changes the shape of
// quipu's page (new markup, a new block, a lost link), adds markup for
// another Markdown reader the file may meet (see dialects), or hides words
// from a reader, they are written again with all Markdown syntax in their
// text escaped, so a translation can never add markup. A translation that
// would still add markup, which only its tags moved where their source
// bytes combine into new syntax can do, is rejected (code "markup-added"),
// and so is one whose words a reader would still not see (code
// "text-hidden"): its segment keeps the source text. Changed reports a
// shape of quipu's page that still differs, by lost markup only.
func Localize(doc *pipeline.Document, tr pipeline.Translator) (out []byte, root ast.Node, rejected []pipeline.Rejected, changed bool) {
	out, spans, rejected := assemble(doc, tr, false)
	if bytes.Equal(out, doc.Source) {
		return out, Parse(out), rejected, false // nothing translated: nothing to check
	}
	all := !plain(doc, tr)
	want, got := read(doc.Source, all), read(out, all)
	if fits(want, got) && len(hidden(doc, want, got, spans)) == 0 {
		return out, got.roots[0], rejected, false
	}
	if !all {
		want = read(doc.Source, true)
	}
	return localizeEscaped(doc, tr, want)
}

// Assemble writes the document with each segment's bytes replaced by its
// translation, escaped or not (see Render). Every byte outside the segments
// is copied from the source.
func Assemble(doc *pipeline.Document, tr pipeline.Translator, escape bool) ([]byte, []pipeline.Rejected) {
	out, _, rejected := assemble(doc, tr, escape)
	return out, rejected
}

// assemble is Assemble, also returning where each translation went.
func assemble(doc *pipeline.Document, tr pipeline.Translator, escape bool) ([]byte, []span, []pipeline.Rejected) {
	src := doc.Source
	out := make([]byte, 0, len(src)+len(src)/4)
	var rejected []pipeline.Rejected
	var spans []span
	b := &bodies{src: src}
	prev := 0
	for _, seg := range doc.Segments {
		out = append(out, src[prev:seg.Start()]...)
		prev = seg.Stop()
		text, ok := tr(seg)
		if !ok || text == seg.Text {
			out = append(out, src[seg.Start():seg.Stop()]...)
			continue
		}
		rendered, probs := render(b, seg, text, escape)
		if placeholder.HasErrors(probs) {
			rejected = append(rejected, pipeline.Rejected{Segment: seg, Problems: probs})
			out = append(out, src[seg.Start():seg.Stop()]...)
			continue
		}
		spans = append(spans, span{seg: seg, text: text, start: len(out), stop: len(out) + len(rendered)})
		out = append(out, rendered...)
	}
	return append(out, src[prev:]...), spans, rejected
}

// Render returns the source bytes that replace seg for a translation. With
// escape set, literal text is escaped so that it can only ever be text:
// whatever a translator writes, the document's structure and links come
// from the source alone. Without it, literal text is copied as is, which
// reproduces the source exactly when given the source text, except for
// syntax that would silently drop a translator's words (see keepWords).
func Render(src []byte, seg *pipeline.Segment, text string, escape bool) ([]byte, []placeholder.Problem) {
	return render(&bodies{src: src}, seg, text, escape)
}

// render is Render with the shortcode bodies of the source found once for
// all its segments.
func render(b *bodies, seg *pipeline.Segment, text string, escape bool) ([]byte, []placeholder.Problem) {
	src := b.src
	if fm, ok := findFrontMatter(src); ok && seg.Stop() <= fm.stop {
		if text == seg.Text {
			return src[seg.Start():seg.Stop()], nil
		}
		if probs := unusable(seg, text); probs != nil {
			return nil, probs
		}
		return renderFrontMatter(src, fm, seg, text)
	}
	if isShortcodeParam(src, seg) {
		if text == seg.Text {
			return src[seg.Start():seg.Stop()], nil
		}
		if probs := unusable(seg, text); probs != nil {
			return nil, probs
		}
		return renderShortcodeParam(seg, text)
	}
	translated := text != seg.Text
	if translated {
		if probs := unusable(seg, text); probs != nil {
			return nil, probs
		}
		text = loneCR.Replace(text)
	}
	toks := placeholder.Parse(text)
	probs := placeholder.Check(toks, seg.Placeholders)
	if placeholder.HasErrors(probs) {
		return nil, probs
	}
	var raw []bodyMode // text in a shortcode's body
	if translated {
		if moved := attrsMoved(seg, toks); moved != nil {
			return nil, append(probs, moved...)
		}
		raw = rawTokens(b, seg, toks)
		if bad := rawHTML(toks, raw); bad != nil {
			return nil, append(probs, bad...)
		}
	}
	var v []byte
	if escape {
		e := escaper{single: seg.SingleLine, lineStart: true}
		for i, t := range toks {
			switch t.Kind {
			case placeholder.Text:
				at := len(v)
				v = e.appendText(v, t.Text, i == len(toks)-1)
				if raw != nil {
					v = append(v[:at], writeBody(v[at:], raw[i])...)
				}
			default:
				m := placeholder.Markup(t, seg.Placeholders)
				v = append(v, m...)
				e.lineStart = t.Kind != placeholder.Close && strings.HasSuffix(m, "\n")
			}
		}
		v = bytes.TrimRight(v, " \t\r\n")
		if afterLabel(src, seg) {
			v = notDefinition(v)
		}
	} else {
		lineStart := true
		for i, t := range toks {
			switch t.Kind {
			case placeholder.Text:
				if translated {
					at := len(v)
					v = keepWords(v, seg, t.Text, lineStart, i == len(toks)-1)
					if raw != nil {
						v = append(v[:at], writeBody(v[at:], raw[i])...)
					}
					lineStart = strings.HasSuffix(t.Text, "\n")
					continue
				}
				v = append(v, t.Text...)
			default:
				m := placeholder.Markup(t, seg.Placeholders)
				v = append(v, m...)
				lineStart = t.Kind != placeholder.Close && strings.HasSuffix(m, "\n")
			}
		}
	}
	if translated && usesCRLF(src, seg) {
		v = crlf.ReplaceAll(v, []byte("\r\n"))
	}
	return unjoin(src, seg, v), probs
}

// unusable returns the problems that make a translation unusable in any
// writing: control characters, typed or as character references, bidi
// controls as references (see qa.Unusable), and bare addresses the source
// lacks, which readers that link them would turn into links.
func unusable(seg *pipeline.Segment, text string) []placeholder.Problem {
	if probs := qa.Unusable(seg, text); probs != nil {
		return probs
	}
	return qa.AddedLinks(seg.Text, text)
}

// afterLabel reports a segment that follows "[label]:" on its line: the
// text of a footnote definition.
func afterLabel(src []byte, seg *pipeline.Segment) bool {
	i := bytes.LastIndexByte(src[:seg.Start()], '\n') + 1
	return bytes.HasSuffix(bytes.TrimRight(src[i:seg.Start()], " \t"), []byte("]:"))
}

// notDefinition keeps the escaped text of a footnote definition from
// making it a link reference definition for readers without footnotes
// (CommonMark, GitHub's Markdown): "[^1]: word" is one when the first line
// holds one word, a destination, perhaps followed by a quoted title. The
// first line break becomes a space, and a quote or parenthesis opening the
// second word is escaped. A one-word translation with nothing after it
// stays a definition; the guard rejects it.
func notDefinition(v []byte) []byte {
	line := v
	if nl := bytes.IndexByte(v, '\n'); nl >= 0 {
		line = v[:nl]
		if bytes.IndexAny(line, " \t") < 0 {
			v[nl] = ' '
			line = v
			if nl2 := bytes.IndexByte(v[nl+1:], '\n'); nl2 >= 0 {
				line = v[:nl+1+nl2]
			}
		}
	}
	sp := bytes.IndexAny(line, " \t")
	if sp < 0 {
		return v
	}
	k := sp
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	if k < len(line) && (line[k] == '"' || line[k] == '\'' || line[k] == '(') {
		v = append(v[:k], append([]byte{'\\'}, v[k:]...)...)
	}
	return v
}

// crlf matches a line break, with or without its carriage return.
var crlf = regexp.MustCompile(`\r?\n`)

// usesCRLF reports whether the line a segment starts on ends in CR LF: the
// lines of its translation then do too, so the document keeps one style.
func usesCRLF(src []byte, seg *pipeline.Segment) bool {
	i := bytes.IndexByte(src[seg.Start():], '\n')
	return i > 0 && src[seg.Start()+i-1] == '\r'
}

// loneCR turns a carriage return not followed by a line feed into a line
// feed. CommonMark reads it as a line ending and goldmark does not: without
// this, "\r# x" would be text in quipu's HTML and a heading for other
// Markdown readers of the built .md file.
var loneCR = strings.NewReplacer("\r\n", "\r\n", "\r", "\n")

// keepWords appends text as written, but escapes the syntax that would
// make Markdown drop words without changing the document's shape, so the
// first, unescaped writing of a translation loses nothing: a "[" that
// starts a line (a link reference or footnote definition, which vanishes
// from the page while its words still reach the page's metadata), the
// closing "#"s of a one-line heading, and a "|" in a table cell (cells
// past the header's count are dropped). Braces are escaped too: in MDX
// (Docusaurus reads .md files so by default) "{…}" is JavaScript run at
// build time, in Hugo "{{<" a shortcode; escaped, they are text for every
// reader. lineStart says s begins a line.
func keepWords(v []byte, seg *pipeline.Segment, s string, lineStart, last bool) []byte {
	hashes := -1
	if last && seg.SingleLine {
		t := strings.TrimRight(s, " \t")
		h := strings.TrimRight(t, "#")
		if len(h) < len(t) && (h == "" || h[len(h)-1] == ' ' || h[len(h)-1] == '\t') {
			hashes = len(h)
		}
	}
	backslashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' || c == '\r':
			lineStart = true
		case lineStart && (c == ' ' || c == '\t'):
		case lineStart:
			lineStart = false
			if c == '[' {
				v = append(v, '\\')
			}
		}
		if i == hashes || c == '|' && seg.Kind == pipeline.KindTableCell && backslashes%2 == 0 ||
			(c == '{' || c == '}') && backslashes%2 == 0 {
			v = append(v, '\\')
		}
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		v = append(v, c)
	}
	return v
}

// unjoin puts the container prefixes back: the k-th line break of the
// joined text is followed by the prefix that followed the k-th line of the
// source (the last one for extra lines), so a translation with more lines
// than its source stays inside the same blockquote or list item. A
// one-line segment's added lines take its own line's prefix (see
// ContinuationPrefix): an MkDocs admonition's body has no lazy lines.
func unjoin(src []byte, seg *pipeline.Segment, v []byte) []byte {
	if len(seg.Lines) == 1 {
		pre := ContinuationPrefix(src, seg.Start())
		if len(pre) == 0 || bytes.IndexByte(v, '\n') < 0 {
			return v
		}
		return bytes.ReplaceAll(v, []byte("\n"), append([]byte("\n"), pre...))
	}
	out := make([]byte, 0, len(v)+8*len(seg.Lines))
	k := 0
	for {
		i := bytes.IndexByte(v, '\n')
		if i < 0 {
			return append(out, v...)
		}
		out = append(out, v[:i+1]...)
		v = v[i+1:]
		g := k
		if g > len(seg.Lines)-2 {
			g = len(seg.Lines) - 2
		}
		out = append(out, src[seg.Lines[g].Stop:seg.Lines[g+1].Start]...)
		k++
	}
}

// ContinuationPrefix returns what a line added to a one-line segment
// starting at off needs to stay in the segment's containers: the bytes
// before it on its line, list markers made blanks ("- " → "  ", "    "
// in an MkDocs admonition kept, "> " kept). It is nil when the segment is
// not first on its line after containers only (a title after "!!! note").
func ContinuationPrefix(src []byte, off int) []byte {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	if start == off {
		return nil
	}
	pre := bytes.Clone(src[start:off])
	for i, c := range pre {
		switch {
		case c == ' ' || c == '\t' || c == '>':
		case c == '-' || c == '+' || c == '*' || c == '.' || c == ')' || c >= '0' && c <= '9':
			pre[i] = ' '
		default:
			return nil
		}
	}
	return pre
}

// EscapeText returns s as Markdown that reads as s and nothing else, on
// one line: for text that was never Markdown, such as the lines of a
// plain-text document. Unlike in translations, backslashes and entities in
// it are literal too.
func EscapeText(s string) string {
	e := escaper{single: true, lineStart: true, literal: true}
	return string(bytes.TrimRight(e.appendText(nil, s, true), " \t"))
}

// escaper writes translated text so that Markdown reads it as text only.
type escaper struct {
	single    bool
	lineStart bool
	literal   bool // backslashes and entities are text too
}

func (e *escaper) appendText(v []byte, s string, last bool) []byte {
	if e.single {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	}
	listDot := -1 // offset of the "." in a leading "1." that must be escaped
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == listDot {
			v = append(v, '\\')
		}
		if c == '\r' {
			continue
		}
		if c == '\n' {
			// Line breaks are kept, but never a blank line (it would end the
			// block) nor trailing spaces (they would make a hard break).
			v = bytes.TrimRight(v, " \t")
			if trailingBackslashes(v)%2 == 1 {
				v = append(v, '\\') // "\ " lost its space: not a hard break
			}
			if !e.lineStart && len(v) > 0 {
				v = append(v, '\n')
			}
			e.lineStart = true
			continue
		}
		if e.lineStart {
			if c == ' ' || c == '\t' {
				continue
			}
			e.lineStart = false
			if needsEscapeAtLineStart(c) {
				v = append(v, '\\', c) // escaped once: no other rule applies
				continue
			} else if k := orderedMarker(s[i:]); k > 0 {
				listDot = i + k
			}
		}
		switch c {
		case '\\':
			if e.literal {
				v = append(v, '\\', '\\')
				continue
			}
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				v = append(v, c, s[i+1]) // the translator's own escape
				i++
				continue
			}
			if i+1 == len(s) || s[i+1] == '\n' || s[i+1] == '\r' {
				v = append(v, '\\', '\\') // a backslash before a line break or a tag
				continue
			}
		case '*', '_', '`', '[', ']', '<', '~', '|', '{':
			// "|" would make a table row, "{" heading attributes.
			v = append(v, '\\')
		case '&':
			if e.literal && isEntity(s[i:]) {
				v = append(v, '\\')
			}
		case '!':
			if i+1 == len(s) && !last {
				v = append(v, '\\') // "![" with a link's tag is an image
			}
		case '(', ':':
			if len(v) > 0 && v[len(v)-1] == ']' {
				// After a tag ending in "]" ([ref], [^1], [ ]) these would
				// make an inline link or a link reference definition.
				v = append(v, '\\')
			}
		case '#':
			if e.single && last && isClosingHashes(s[i:]) {
				v = append(v, '\\') // would close an ATX heading
			}
		}
		v = append(v, c)
	}
	return v
}

// needsEscapeAtLineStart reports whether c at the start of a line would
// open a block: a heading, a quote, a list item, a setext underline, a
// table's delimiter row. (Characters escaped everywhere are not listed.)
func needsEscapeAtLineStart(c byte) bool {
	switch c {
	case '#', '>', '-', '+', '=', ':', '!', '?':
		// "!!!" and "???" open MkDocs admonitions, ":::" Docusaurus ones.
		return true
	}
	return false
}

// orderedMarker returns the offset of the "." or ")" of an ordered list
// marker ("1. ", "12) ") at the start of s, or 0.
func orderedMarker(s string) int {
	k := 0
	for k < len(s) && k < 10 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k > 0 && k < len(s) && (s[k] == '.' || s[k] == ')') {
		return k
	}
	return 0
}

func trailingBackslashes(v []byte) int {
	n := 0
	for n < len(v) && v[len(v)-1-n] == '\\' {
		n++
	}
	return n
}

func isClosingHashes(s string) bool {
	s = strings.TrimRight(s, " \t")
	return strings.Trim(s, "#") == ""
}

// isEntity reports whether s starts with what CommonMark reads as an
// entity or numeric character reference.
func isEntity(s string) bool {
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	start := i
	for i < len(s) && i < 40 && isAlnum(s[i]) {
		i++
	}
	return i > start && i < len(s) && s[i] == ';'
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func sameShape(a, b []string) bool { return slices.Equal(a, b) }
