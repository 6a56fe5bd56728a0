// Package htmldoc splits HTML documents into segments and reassembles them
// from translations, keeping every byte outside the segments as it was.
package htmldoc

import (
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Extract splits an HTML document into segments: the text of each block
// with its inline markup as placeholders, the <title>, and the attributes
// readers see (alt, title, placeholder, aria-label, the description and
// social titles in <meta>). Scripts, styles, code, preformatted text, SVG,
// comments and anything under translate="no" or class="notranslate" are
// left alone. Extraction never fails: whatever the tokenizer reads is
// either a segment or skeleton.
func Extract(path string, src []byte) (*pipeline.Document, error) {
	l := scan(src)
	doc := &pipeline.Document{Path: path, Format: pipeline.FormatHTML, Source: src}
	for _, u := range l.units {
		doc.Segments = append(doc.Segments, u.seg)
	}
	return doc, nil
}

type unitKind int

const (
	unitRun   unitKind = iota // a block's text with its inline markup
	unitTitle                 // the text of <title>
	unitAttr                  // an attribute value
)

type span struct{ start, end int }

// unit is a segment with what reassembly needs to know about its source.
type unit struct {
	kind  unitKind
	seg   *pipeline.Segment
	span  span   // the bytes the segment replaces
	quote byte   // attribute values: their quote, 0 when unquoted
	open  []span // per placeholder: source of its Open; start < 0 for a literal "<"
	// ownLang: the run is inside an element that states its own language
	// (lang or xml:lang, <html> aside), which a fallback keeps.
	ownLang bool
	close   []span // per placeholder: source of its Close (paired ones)
}

// langSpot is where the document states its language: an attribute value
// to replace, or the place to add lang="…" to <html>.
type langSpot struct {
	span       span
	quote      byte
	insert     bool // add ` lang="…"` at span.start
	underscore bool // og:locale spells es-PE as es_PE
}

type layout struct {
	units []*unit
	lang  []langSpot
}

// frame is an open block element.
type frame struct {
	name string
	skip bool // nothing inside is translated
	lang bool // it or an element around it states its own language
}

type itemKind int

const (
	itemText itemKind = iota
	itemOpen
	itemClose
	itemStandalone
)

// item is a piece of a run of inline content.
type item struct {
	kind    itemKind
	span    span
	text    string // decoded text
	name    string // tag name
	label   string // standalone: what it stands for
	content bool   // its markup carries content (see pipeline.Placeholder)
	partner int    // paired open/close: index of the other one, else -1
	lang    bool   // an open tag stating its own language
}

type scanner struct {
	src     []byte
	toks    []token
	units   []*unit
	stack   []frame
	run     []item
	runKind pipeline.Kind
	lang    []langSpot
	sawHTML bool
}

func scan(src []byte) *layout {
	s := &scanner{src: src, toks: tokenize(src)}
	for i := 0; i < len(s.toks); i++ {
		i = s.step(i)
	}
	s.endRun()
	sort.SliceStable(s.units, func(i, j int) bool { return s.units[i].span.start < s.units[j].span.start })
	line, lineStart, at := 1, 0, 0
	for _, u := range s.units {
		for ; at < u.span.start; at++ {
			if src[at] == '\n' {
				line, lineStart = line+1, at+1
			}
		}
		u.seg.Line, u.seg.Col = line, u.span.start-lineStart+1
	}
	return &layout{units: s.units, lang: s.lang}
}

// step handles token i and returns the index of the last token it used.
func (s *scanner) step(i int) int {
	t := &s.toks[i]
	skipping := len(s.stack) > 0 && s.stack[len(s.stack)-1].skip
	switch t.typ {
	case html.TextToken:
		if !skipping && (s.run != nil || strings.TrimLeft(t.text, " \t\n\r\f") != "") {
			s.add(item{kind: itemText, span: span{t.start, t.end}, text: t.text})
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		if skipping {
			if opens(t) {
				s.stack = append(s.stack, frame{name: t.name, skip: true})
			}
			return i
		}
		nt := noTranslate(t)
		if !nt {
			s.attrUnits(t)
		}
		s.langSpots(t)
		switch {
		case t.name == "title":
			s.endRun()
			return s.title(i, nt)
		case opaque[t.name] || nt && inline[t.name]:
			j := s.matchEnd(i)
			if rawText[t.name] && (s.toks[j].typ != html.EndTagToken || s.toks[j].name != t.name) {
				// Left open, it runs to the end of the file: anything
				// written after it would land inside it.
				s.endRun()
				return j
			}
			s.add(item{kind: itemStandalone, span: span{t.start, s.toks[j].end}, name: t.name, label: s.label(i, j), content: true})
			return j
		case inline[t.name]:
			if void[t.name] || t.typ == html.SelfClosingTagToken {
				s.add(item{kind: itemStandalone, span: span{t.start, t.end}, name: t.name, label: s.label(i, i), content: carriesContent(t)})
			} else {
				s.add(item{kind: itemOpen, span: span{t.start, t.end}, name: t.name, label: s.label(i, i), content: carriesContent(t), lang: statesLang(t)})
			}
			return i
		}
		s.endRun()
		s.closeImplied(t.name)
		if opens(t) {
			lang := len(s.stack) > 0 && s.stack[len(s.stack)-1].lang || t.name != "html" && statesLang(t)
			s.stack = append(s.stack, frame{name: t.name, skip: nt || skipped[t.name], lang: lang})
		}
	case html.EndTagToken:
		if skipping {
			s.pop(t.name)
			return i
		}
		if inline[t.name] || opaque[t.name] {
			if s.run != nil {
				s.add(item{kind: itemClose, span: span{t.start, t.end}, name: t.name, label: "end of " + t.name})
			}
			return i
		}
		s.endRun()
		s.pop(t.name)
	case html.CommentToken:
		if !skipping && s.run != nil {
			s.add(item{kind: itemStandalone, span: span{t.start, t.end}, label: "comment"})
		}
	default:
		s.endRun()
	}
	return i
}

// rawText elements hold text the tokenizer reads up to their end tag,
// whether or not their start tag ends in "/>".
var rawText = set("iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp")

// opens reports whether a start tag opens an element that an end tag
// closes later.
func opens(t *token) bool {
	return !void[t.name] && (t.typ == html.StartTagToken || rawText[t.name])
}

// foreign elements hold elements of their own (shapes, sources, tracks)
// that do not end them.
var foreign = set("audio", "canvas", "math", "object", "picture", "svg", "template", "video")

// matchEnd returns the index of the end tag of the element that token i
// starts, or i when it has none: a text-level element left open is only its
// start tag, so that a missing end tag never swallows the rest of the page.
func (s *scanner) matchEnd(i int) int {
	t := &s.toks[i]
	if !opens(t) {
		return i
	}
	if rawText[t.name] {
		j := i
		if j+1 < len(s.toks) && s.toks[j+1].typ == html.TextToken {
			j++
		}
		if j+1 < len(s.toks) && s.toks[j+1].typ == html.EndTagToken && s.toks[j+1].name == t.name {
			j++
		}
		return j
	}
	depth := 0
	for j := i + 1; j < len(s.toks); j++ {
		u := &s.toks[j]
		if u.typ != html.StartTagToken && u.typ != html.EndTagToken {
			continue
		}
		if u.name == t.name {
			if u.typ == html.StartTagToken {
				depth++
				continue
			}
			if depth == 0 {
				return j
			}
			depth--
			continue
		}
		if !foreign[t.name] && !inline[u.name] && !opaque[u.name] {
			return i
		}
	}
	return i
}

// closeImplied closes the elements a start tag ends without an end tag.
func (s *scanner) closeImplied(name string) {
	top := func() string {
		if len(s.stack) == 0 {
			return ""
		}
		return s.stack[len(s.stack)-1].name
	}
	switch {
	case closesP[name] && top() == "p":
		s.stack = s.stack[:len(s.stack)-1]
	case name == "li":
		s.popTo("li", "ul", "ol", "menu")
	case name == "dt" || name == "dd":
		s.popTo("dt", "dl")
		s.popTo("dd", "dl")
	case name == "td" || name == "th":
		s.popTo("td", "tr", "table")
		s.popTo("th", "tr", "table")
	case name == "tr":
		s.popTo("tr", "table", "thead", "tbody", "tfoot")
	case name == "option" && top() == "option":
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// popTo closes the innermost open element named name, unless one of the
// boundaries comes first.
func (s *scanner) popTo(name string, boundaries ...string) {
	for k := len(s.stack) - 1; k >= 0; k-- {
		n := s.stack[k].name
		if n == name {
			s.stack = s.stack[:k]
			return
		}
		for _, b := range boundaries {
			if n == b {
				return
			}
		}
	}
}

// pop closes the innermost open element named name, and everything opened
// inside it; an end tag with no open element is ignored.
func (s *scanner) pop(name string) {
	for k := len(s.stack) - 1; k >= 0; k-- {
		if s.stack[k].name == name {
			s.stack = s.stack[:k]
			return
		}
	}
}

func (s *scanner) add(it item) {
	if s.run == nil {
		s.runKind = pipeline.KindParagraph
		if len(s.stack) > 0 {
			s.runKind = blockKind(s.stack[len(s.stack)-1].name)
		}
	}
	it.partner = -1
	s.run = append(s.run, it)
}

func blockKind(name string) pipeline.Kind {
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return pipeline.KindHeading
	case "li", "dt", "dd":
		return pipeline.KindListItem
	case "td", "th", "caption":
		return pipeline.KindTableCell
	}
	return pipeline.KindParagraph
}

// title makes the document's title from the text after <title>.
func (s *scanner) title(i int, nt bool) int {
	j := i
	if j+1 < len(s.toks) && s.toks[j+1].typ == html.TextToken {
		j++
		t := &s.toks[j]
		if !nt {
			start, end := trimSpan(s.src, span{t.start, t.end})
			var tb textBuilder
			tb.text(t.text)
			s.addUnit(&unit{kind: unitTitle, span: span{start, end}}, pipeline.KindTitle, &tb)
		}
	}
	if j+1 < len(s.toks) && s.toks[j+1].typ == html.EndTagToken && s.toks[j+1].name == "title" {
		j++
	}
	return j
}

func (s *scanner) attrUnits(t *token) {
	if !t.ranged {
		return
	}
	for _, key := range translatableAttrs(t) {
		a, _ := t.attr(key)
		var tb textBuilder
		tb.text(a.val)
		s.addUnit(&unit{kind: unitAttr, span: span{a.vstart, a.vend}, quote: a.quote}, pipeline.KindAttribute, &tb)
	}
}

func (s *scanner) addUnit(u *unit, kind pipeline.Kind, tb *textBuilder) {
	text := strings.TrimRight(tb.b.String(), " ")
	if !pipeline.Translatable(text) {
		return
	}
	u.open, u.close = tb.open, tb.close
	u.seg = &pipeline.Segment{
		ID:           pipeline.SegmentID(text),
		Kind:         kind,
		Lines:        []pipeline.Line{{Start: u.span.start, Stop: u.span.end}},
		Text:         text,
		Placeholders: tb.phs,
	}
	s.units = append(s.units, u)
}

// endRun turns the current run of inline content into a segment.
func (s *scanner) endRun() {
	run := s.run
	s.run = nil
	if run == nil {
		return
	}
	var open []int
	for k := range run {
		switch run[k].kind {
		case itemOpen:
			open = append(open, k)
		case itemClose:
			if n := len(open); n > 0 && run[open[n-1]].name == run[k].name {
				run[k].partner, run[open[n-1]].partner = open[n-1], k
				open = open[:n-1]
			} else {
				run[k].kind = itemStandalone
			}
		}
	}
	for _, k := range open {
		run[k].kind = itemStandalone
	}
	// Markup wrapping the whole run, like the link of a menu entry, stays
	// in the skeleton: the translator sees "Home", not "<1>Home</1>".
	lo, hi := 0, len(run)-1
	ownLang := len(s.stack) > 0 && s.stack[len(s.stack)-1].lang
	for {
		for lo <= hi && edge(run[lo]) {
			lo++
		}
		for hi >= lo && edge(run[hi]) {
			hi--
		}
		if lo < hi && run[lo].kind == itemOpen && run[lo].partner == hi {
			ownLang = ownLang || run[lo].lang
			lo, hi = lo+1, hi-1
			continue
		}
		break
	}
	if lo > hi {
		return
	}
	var tb textBuilder
	num := map[int]int{} // item index of an open tag -> placeholder index
	for k := lo; k <= hi; k++ {
		it := run[k]
		switch {
		case it.kind == itemText:
			tb.text(it.text)
		case it.kind == itemOpen && it.partner == k+1:
			// An empty pair, such as an anchor, is one standalone code.
			tb.standalone(string(s.src[it.span.start:run[k+1].span.end]), it.label, it.content, span{it.span.start, run[k+1].span.end})
			k++
		case it.kind == itemOpen:
			num[k] = tb.openTag(string(s.src[it.span.start:it.span.end]), it.label, it.content, it.span)
		case it.kind == itemClose:
			tb.closeTag(num[it.partner], string(s.src[it.span.start:it.span.end]), it.span)
		default:
			tb.standalone(string(s.src[it.span.start:it.span.end]), it.label, it.content, it.span)
		}
	}
	start, end := run[lo].span.start, run[hi].span.end
	if run[lo].kind == itemText {
		start, _ = trimSpan(s.src, span{start, end})
	}
	if run[hi].kind == itemText {
		_, end = trimSpan(s.src, span{start, end})
	}
	s.addUnit(&unit{kind: unitRun, span: span{start, end}, ownLang: ownLang}, s.runKind, &tb)
}

// edge reports whether a run item may be left out at either end of a
// segment: blank text and comments.
func edge(it item) bool {
	if it.kind == itemText {
		return strings.Trim(it.text, " \t\n\r\f") == ""
	}
	return it.kind == itemStandalone && it.label == "comment"
}

func trimSpan(src []byte, sp span) (int, int) {
	for sp.start < sp.end && isSpace(src[sp.start]) {
		sp.start++
	}
	for sp.end > sp.start && isSpace(src[sp.end-1]) {
		sp.end--
	}
	return sp.start, sp.end
}

// label describes the markup a placeholder stands for, for the translator.
func (s *scanner) label(i, j int) string {
	t := &s.toks[i]
	attrVal := func(k string) string { a, _ := t.attr(k); return pipeline.Shorten(a.val, 60) }
	switch t.name {
	case "a":
		if href := attrVal("href"); href != "" {
			return "link " + href
		}
		return "link"
	case "img":
		return "image " + attrVal("src")
	case "br":
		return "line break"
	}
	if j > i && !foreign[t.name] && !rawText[t.name] {
		// Kept whole (code, or text not to translate): show what it says.
		var b strings.Builder
		for k := i + 1; k < j; k++ {
			if s.toks[k].typ == html.TextToken {
				b.WriteString(s.toks[k].text)
			}
		}
		return t.name + " " + pipeline.Shorten(strings.Join(strings.Fields(b.String()), " "), 60)
	}
	return t.name
}

// carriesContent reports inline markup whose loss loses more than a
// style: a link (with somewhere to go) or an image. Elements kept whole
// (code, media, text not to translate) always carry content.
func carriesContent(t *token) bool {
	switch t.name {
	case "img":
		return true
	case "a":
		_, ok := t.attr("href")
		return ok
	}
	return false
}

// textBuilder writes a message: decoded text with HTML's runs of white
// space collapsed (the reader never sees them) and tags for the markup.
type textBuilder struct {
	b       strings.Builder
	phs     []pipeline.Placeholder
	open    []span
	close   []span
	started bool // something was written: leading white space is dropped
	space   bool // the last thing written was a space
}

func (tb *textBuilder) text(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isSpace(c):
			if tb.started && !tb.space {
				tb.b.WriteByte(' ')
				tb.space = true
			}
			continue
		case c == '<' && placeholder.LooksLikeTag(s[i:]):
			// Text that reads as a tag would be ambiguous in the message.
			tb.standalone("&lt;", "literal <", false, span{-1, -1})
			continue
		}
		tb.b.WriteByte(c)
		tb.started, tb.space = true, false
	}
}

func (tb *textBuilder) add(ph pipeline.Placeholder, open span) int {
	tb.phs = append(tb.phs, ph)
	tb.open = append(tb.open, open)
	tb.close = append(tb.close, span{-1, -1})
	tb.started, tb.space = true, false
	return len(tb.phs) - 1
}

func (tb *textBuilder) standalone(raw, label string, content bool, sp span) {
	n := tb.add(pipeline.Placeholder{Kind: pipeline.Standalone, Open: raw, Label: label, Content: content}, sp)
	open, _ := pipeline.Tag(n+1, pipeline.Standalone)
	tb.b.WriteString(open)
}

func (tb *textBuilder) openTag(raw, label string, content bool, sp span) int {
	n := tb.add(pipeline.Placeholder{Kind: pipeline.Paired, Open: raw, Label: label, Content: content}, sp)
	open, _ := pipeline.Tag(n+1, pipeline.Paired)
	tb.b.WriteString(open)
	return n
}

func (tb *textBuilder) closeTag(n int, raw string, sp span) {
	tb.phs[n].Close = raw
	tb.close[n] = sp
	_, close := pipeline.Tag(n+1, pipeline.Paired)
	tb.b.WriteString(close)
	tb.started, tb.space = true, false
}
