package htmldoc

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Insert adds markup to a document: head at the end of its <head> (before
// </head>, else after <head>, else after <html>, else after the doctype,
// else at the start, where a browser still reads it as head content), and
// body at the start of its <body> (after <body>, else after </head>, else,
// in a document with no <head> either, such as a fragment, right after
// head: the browser ends the head at body's first element). Only a
// document with a <head> that never closes, and no <body>, gets no body
// markup: where its head ends is the browser's guess. Tags inside
// comments, scripts and other raw text are not mistaken for the
// document's. Nothing else changes: with nothing to add, the document is
// returned as it was.
func Insert(src, head, body []byte) []byte {
	if len(head) == 0 && len(body) == 0 {
		return src
	}
	at := places(src)
	headAt := firstOf(at.headClose, at.headOpen, at.htmlOpen, at.doctype, 0)
	bodyAt := firstOf(at.bodyOpen, at.headEnd)
	if bodyAt < 0 && at.headOpen < 0 {
		bodyAt = headAt
	}
	if bodyAt < 0 {
		body = nil
	}
	if len(body) > 0 && bodyAt < headAt { // a <body> before the head's end: both go there
		headAt = bodyAt
	}
	var out bytes.Buffer
	out.Grow(len(src) + len(head) + len(body))
	out.Write(src[:headAt])
	out.Write(head)
	if len(body) > 0 {
		out.Write(src[headAt:bodyAt])
		out.Write(body)
		headAt = bodyAt
	}
	out.Write(src[headAt:])
	return out.Bytes()
}

// HasAlternates reports whether a document already links its versions in
// other languages (<link rel="alternate" hreflang>): quipu then adds none.
func HasAlternates(src []byte) bool {
	for _, t := range tokenize(src) {
		if t.name != "link" || t.typ == html.EndTagToken {
			continue
		}
		rel, _ := t.attr("rel")
		if _, ok := t.attr("hreflang"); ok && hasWord(rel.val, "alternate") {
			return true
		}
	}
	return false
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(strings.ToLower(list)) {
		if w == word {
			return true
		}
	}
	return false
}

// insertPlaces are offsets in a document where markup may go; -1 where the
// document has no such tag.
type insertPlaces struct {
	doctype   int // just past <!doctype …>
	htmlOpen  int // just past <html …>
	headOpen  int // just past <head …>
	headClose int // at </head>
	headEnd   int // just past </head>
	bodyOpen  int // just past <body …>
}

func places(src []byte) insertPlaces {
	at := insertPlaces{-1, -1, -1, -1, -1, -1}
	for _, t := range tokenize(src) {
		switch {
		case t.typ == html.DoctypeToken && at.doctype < 0:
			at.doctype = t.end
		case t.typ == html.StartTagToken && t.name == "html" && at.htmlOpen < 0:
			at.htmlOpen = t.end
		case t.typ == html.StartTagToken && t.name == "head" && at.headOpen < 0:
			at.headOpen = t.end
		case t.typ == html.EndTagToken && t.name == "head" && at.headClose < 0:
			at.headClose, at.headEnd = t.start, t.end
		case t.typ == html.StartTagToken && t.name == "body" && at.bodyOpen < 0:
			at.bodyOpen = t.end
			return at // nothing after it matters
		}
	}
	return at
}

// firstOf is the first offset that is not -1, or -1.
func firstOf(offsets ...int) int {
	for _, o := range offsets {
		if o >= 0 {
			return o
		}
	}
	return -1
}
