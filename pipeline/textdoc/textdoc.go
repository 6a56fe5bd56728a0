// Package textdoc reads plain-text articles (a title line, short heading
// lines, paragraph lines) and writes them, translated or not, as Markdown.
package textdoc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// MaxHeading is the length, in characters, from which a line is a
// paragraph even when it does not end with a period.
const MaxHeading = 80

// block is one non-blank line of a text document.
type block struct {
	kind        pipeline.Kind
	start, stop int // the line without its surrounding white space
}

// blocks reads the structure of a text document: the first non-blank line
// is the title; a line shorter than MaxHeading that does not end with a
// period is a heading ("Why is this important?", "Conclusion: a balanced
// view"); every other non-blank line is a paragraph.
func blocks(src []byte) []block {
	var out []block
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end, next = len(src)-off, len(src)
		}
		start, stop := trim(src, off, off+end)
		off = next
		if start == stop {
			continue
		}
		line := string(src[start:stop])
		kind := pipeline.KindParagraph
		switch {
		case len(out) == 0:
			kind = pipeline.KindTitle
		case utf8.RuneCountInString(line) < MaxHeading && !strings.HasSuffix(line, "."):
			kind = pipeline.KindHeading
		}
		out = append(out, block{kind: kind, start: start, stop: stop})
	}
	return out
}

// trim narrows [start, stop) to the line's text: no white space, line
// ending or byte order mark around it.
func trim(src []byte, start, stop int) (int, int) {
	if start == 0 && bytes.HasPrefix(src, []byte("\uFEFF")) {
		start = 3
	}
	for start < stop && isSpace(src[start]) {
		start++
	}
	for stop > start && isSpace(src[stop-1]) {
		stop--
	}
	return start, stop
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// Extract splits a text document into one segment per line with something
// to translate. A "<" that would read as a tag in a message becomes a
// placeholder, so messages stay unambiguous.
func Extract(path string, src []byte) (*pipeline.Document, error) {
	doc := &pipeline.Document{Path: path, Format: pipeline.FormatText, Source: src}
	line, lineStart := 1, 0
	for _, b := range blocks(src) {
		text, phs := message(string(src[b.start:b.stop]))
		if !pipeline.Translatable(text) {
			continue
		}
		for i := lineStart; i < b.start; i++ {
			if src[i] == '\n' {
				line, lineStart = line+1, i+1
			}
		}
		doc.Segments = append(doc.Segments, &pipeline.Segment{
			ID:           pipeline.SegmentID(text),
			Kind:         b.kind,
			Lines:        []pipeline.Line{{Start: b.start, Stop: b.stop}},
			Text:         text,
			Placeholders: phs,
			SingleLine:   true,
			Line:         line,
			Col:          b.start - lineStart + 1,
		})
	}
	return doc, nil
}

// message is a line as translators see it: a "<" that would read as a
// tag, and a bare URL or e-mail address (which readers of the Markdown
// written from the document link, as GitHub does), are placeholders they
// move but cannot garble, as in Markdown documents.
func message(line string) (string, []pipeline.Placeholder) {
	links := qa.BareLinks(line)
	if len(links) == 0 && !strings.Contains(line, "<") {
		return line, nil
	}
	var b strings.Builder
	var phs []pipeline.Placeholder
	add := func(ph pipeline.Placeholder) {
		phs = append(phs, ph)
		open, _ := pipeline.Tag(len(phs), pipeline.Standalone)
		b.WriteString(open)
	}
	for i := 0; i < len(line); i++ {
		if len(links) > 0 && i == links[0][0] {
			add(pipeline.Placeholder{Kind: pipeline.Standalone, Open: line[i:links[0][1]], Label: "link", Content: true})
			i = links[0][1] - 1
			links = links[1:]
			continue
		}
		if line[i] == '<' && placeholder.LooksLikeTag(line[i:]) {
			add(pipeline.Placeholder{Kind: pipeline.Standalone, Open: "<", Label: "literal <"})
			continue
		}
		b.WriteByte(line[i])
	}
	return b.String(), phs
}

// Blocks lists, for each block of the document's Markdown form (see
// ToMarkdown: one heading or paragraph per block, in order), its segment,
// or nil for a block with nothing to translate.
func Blocks(doc *pipeline.Document) []*pipeline.Segment {
	segs := make(map[int]*pipeline.Segment, len(doc.Segments))
	for _, s := range doc.Segments {
		segs[s.Start()] = s
	}
	bs := blocks(doc.Source)
	out := make([]*pipeline.Segment, len(bs))
	for i, b := range bs {
		out[i] = segs[b.start]
	}
	return out
}

// ToMarkdown writes the document as Markdown: "# " before the title, "## "
// before headings, a blank line between blocks. Every line, translated or
// not, is escaped so that Markdown reads it as the text it is. A
// translation whose tags do not match its source is rejected and the
// source line kept.
func ToMarkdown(doc *pipeline.Document, tr pipeline.Translator) ([]byte, []pipeline.Rejected) {
	segs := make(map[int]*pipeline.Segment, len(doc.Segments))
	for _, s := range doc.Segments {
		segs[s.Start()] = s
	}
	var out []byte
	var rejected []pipeline.Rejected
	for i, b := range blocks(doc.Source) {
		text := string(doc.Source[b.start:b.stop])
		if seg := segs[b.start]; seg != nil {
			if t, ok := tr(seg); ok && t != seg.Text {
				toks := placeholder.Parse(t)
				// Control characters hide text, and a bidi control reorders
				// it: the page's title and description decode references;
				// bare addresses would be links for the readers of the .md
				// that link them.
				probs := append(qa.Unusable(seg, t), qa.AddedLinks(seg.Text, t)...)
				if probs = append(probs, placeholder.Check(toks, seg.Placeholders)...); placeholder.HasErrors(probs) {
					rejected = append(rejected, pipeline.Rejected{Segment: seg, Problems: probs})
				} else {
					text = placeholder.Expand(toks, seg.Placeholders) // tags here stand for a literal "<"
				}
			}
		}
		if i > 0 {
			out = append(out, '\n')
		}
		switch b.kind {
		case pipeline.KindTitle:
			out = append(out, "# "...)
		case pipeline.KindHeading:
			out = append(out, "## "...)
		}
		out = append(out, markdown.EscapeText(text)...)
		out = append(out, '\n')
	}
	return out, rejected
}
