// Package pipeline holds the domain types shared by every stage of quipu:
// documents split into segments, the placeholders that stand for inline
// markup, and the messages translators edit.
package pipeline

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
)

// Format names the syntax of a source document.
type Format string

// Formats quipu reads.
const (
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatText     Format = "text"
)

// Document is a source file split into a skeleton and segments. The
// skeleton is Source itself: every byte outside a segment's lines is copied
// to the output unchanged, which is what makes identity builds byte-exact.
type Document struct {
	Path string // slash-separated path of the document in the project
	// Key names the document in message IDs: its path under the content
	// folder without the extension ("common/tar"), unique in a project.
	Key      string
	Format   Format
	Source   []byte
	Segments []*Segment
}

// Title returns the document's first title segment, or nil when it has
// none.
func (d *Document) Title() *Segment {
	for _, s := range d.Segments {
		if s.Kind == KindTitle {
			return s
		}
	}
	return nil
}

// Kind says what part of a document a segment comes from. It becomes the
// message's description, so it is part of the go-i18n hash: a paragraph
// turned into a heading asks the translator to look again.
type Kind string

// Segment kinds.
const (
	KindTitle     Kind = "title"
	KindHeading   Kind = "heading"
	KindParagraph Kind = "paragraph"
	KindListItem  Kind = "list item"
	KindTableCell Kind = "table cell"
	KindAttribute Kind = "attribute"
	// KindFrontMatter is a value of a Markdown document's front matter
	// (description, summary); its title is KindTitle.
	KindFrontMatter Kind = "front matter"
)

// Line is one source line of a segment: the byte range [Start, Stop) of its
// content, without the container prefix (blockquote marker, list indent)
// that precedes it, which stays in the skeleton.
type Line struct{ Start, Stop int }

// Segment is the translatable inline content of one block.
type Segment struct {
	ID   string
	Kind Kind
	// Lines are the byte ranges of the segment's content in Document.Source.
	Lines []Line
	// Text is what the translator sees: the content with inline markup
	// replaced by placeholder tags (<1>…</1>, <2/>).
	Text string
	// Placeholders, indexed by number-1.
	Placeholders []Placeholder
	// SingleLine is set for blocks that cannot span lines (ATX headings,
	// table cells): line breaks in a translation become spaces there.
	SingleLine bool
	// Line and Col are the 1-based line and column (in bytes) of the
	// segment's first byte in Source.
	Line, Col int
}

// Start returns the offset of the segment's first byte.
func (s *Segment) Start() int { return s.Lines[0].Start }

// Stop returns the offset just past the segment's last byte.
func (s *Segment) Stop() int { return s.Lines[len(s.Lines)-1].Stop }

// PlaceholderKind distinguishes paired markup from standalone codes.
type PlaceholderKind int

// Placeholder kinds.
const (
	Standalone PlaceholderKind = iota // <n/>: a code span, an autolink, a line break
	Paired                            // <n>…</n>: emphasis, a link, an image
)

// Placeholder is markup the translator may move but not edit. Open (and
// Close for paired markup) are source bytes in the segment's joined-line
// form, that is with container prefixes removed.
type Placeholder struct {
	Kind  PlaceholderKind
	Open  string
	Close string
	// Label is a short human description shown in message files, such as
	// "code", "link https://example.com" or "emphasis".
	Label string
	// Content is set for markup that carries content of its own (a link's
	// destination, an image, code, an autolink): a translation that drops
	// its tag loses that content, not just a style, so it is rejected.
	Content bool
}

// Tag returns the tags that stand for placeholder number n.
func Tag(n int, kind PlaceholderKind) (open, close string) {
	if kind == Standalone {
		return fmt.Sprintf("<%d/>", n), ""
	}
	return fmt.Sprintf("<%d>", n), fmt.Sprintf("</%d>", n)
}

// Translatable reports whether text has anything for a translator to do:
// at least one letter outside placeholder tags.
func Translatable(text string) bool {
	inTag := false
	for _, r := range text {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case !inTag && unicode.IsLetter(r):
			return true
		}
	}
	return false
}

// SegmentID forms the stable ID of a segment from its text alone, so that
// inserting, deleting or moving other segments never changes it: a slug of
// the first words for the translator's eye, then 6 hex digits of the SHA-1
// of the text so that different texts get different IDs.
func SegmentID(text string) string {
	sum := sha1.Sum([]byte(text))
	slug := Slug(text, 5)
	if slug == "" {
		slug = "s"
	}
	return slug + "-" + hex.EncodeToString(sum[:3])
}

// Slug returns the first maxWords words of text, lower-cased ASCII letters
// and digits joined by hyphens; placeholder tags are skipped and accents
// folded (e.g. "Perú" becomes "peru").
func Slug(text string, maxWords int) string {
	var b strings.Builder
	words := 0
	inWord, inTag := false, false
	for _, r := range text {
		if r == '<' {
			inTag = true
		}
		if inTag {
			if r == '>' {
				inTag = false
			}
			inWord = false
			continue
		}
		r = foldAccent(unicode.ToLower(r))
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if !inWord {
				if words == maxWords {
					break
				}
				if words > 0 {
					b.WriteByte('-')
				}
				words++
				inWord = true
			}
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' {
			continue // "what's" stays one word
		}
		inWord = false
	}
	return b.String()
}

func foldAccent(r rune) rune {
	switch r {
	case 'á', 'à', 'ä', 'â', 'ã', 'å':
		return 'a'
	case 'é', 'è', 'ë', 'ê':
		return 'e'
	case 'í', 'ì', 'ï', 'î':
		return 'i'
	case 'ó', 'ò', 'ö', 'ô', 'õ':
		return 'o'
	case 'ú', 'ù', 'ü', 'û':
		return 'u'
	case 'ñ':
		return 'n'
	case 'ç':
		return 'c'
	}
	return r
}

// Translator returns the translation of a segment, or ok == false to keep
// the source text.
type Translator func(seg *Segment) (text string, ok bool)

// Severity says whether a problem makes a translation unusable.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"   // the translation is not used
	SeverityWarning Severity = "warning" // the translation is used; a reviewer should look
)

// Problem is something wrong with a translation, at a byte offset of the
// message text.
type Problem struct {
	Offset   int
	Code     string // short stable name, e.g. "tag-unknown"
	Msg      string
	Severity Severity
}

// Rejected is a translation that could not be used; its segment kept the
// source text.
type Rejected struct {
	Segment  *Segment
	Problems []Problem
}
