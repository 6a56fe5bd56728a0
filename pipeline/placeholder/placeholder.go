// Package placeholder reads the tags that stand for inline markup in a
// message (<1>…</1> for paired markup, <2/> for standalone codes) and checks
// a translation's tags against its source segment.
package placeholder

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
)

// TokenKind says what a token of a message is.
type TokenKind int

// Token kinds.
const (
	Text       TokenKind = iota
	Open                 // <n>
	Close                // </n>
	Standalone           // <n/>
)

// Token is a run of literal text or one tag. Offset is the byte offset of
// the token in the message, for error positions.
type Token struct {
	Kind   TokenKind
	Text   string // literal text, or the tag as written
	N      int    // placeholder number for tags
	Offset int
}

// Parse splits a message into text and tags. Anything that is not a
// well-formed tag is text, so a translator's stray "<" is never lost.
func Parse(msg string) []Token {
	var toks []Token
	textStart := 0
	for i := 0; i < len(msg); {
		if msg[i] != '<' {
			i++
			continue
		}
		kind, n, size := lexTag(msg[i:])
		if size == 0 {
			i++
			continue
		}
		if textStart < i {
			toks = append(toks, Token{Kind: Text, Text: msg[textStart:i], Offset: textStart})
		}
		toks = append(toks, Token{Kind: kind, Text: msg[i : i+size], N: n, Offset: i})
		i += size
		textStart = i
	}
	if textStart < len(msg) {
		toks = append(toks, Token{Kind: Text, Text: msg[textStart:], Offset: textStart})
	}
	return toks
}

// MaxTag is the highest tag number a message can hold: tags have at most
// four digits, so a digit run in prose is not read as a tag.
const MaxTag = 9999

// lexTag recognizes <n>, </n> and <n/> at the start of s.
func lexTag(s string) (kind TokenKind, n, size int) {
	i := 1
	kind = Open
	if i < len(s) && s[i] == '/' {
		kind = Close
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start || i-start > 4 {
		return 0, 0, 0
	}
	n, _ = strconv.Atoi(s[start:i])
	if kind == Open && i < len(s) && s[i] == '/' {
		kind = Standalone
		i++
	}
	if i >= len(s) || s[i] != '>' {
		return 0, 0, 0
	}
	return kind, n, i + 1
}

// LooksLikeTag reports whether s starts with something Parse would read as
// a tag. Extraction turns such literal text into a placeholder of its own.
func LooksLikeTag(s string) bool {
	_, _, size := lexTag(s)
	return size > 0
}

// Problem is something wrong with a translation's tags.
type Problem = pipeline.Problem

// Codes of a missing tag: dropping a style (emphasis) is sometimes right,
// dropping a link, an image or code loses what the reader needed.
const (
	CodeMissing        = "tag-missing"
	CodeMissingContent = "tag-missing-content"
)

// Check compares the tags of a translation with the placeholders of its
// source segment. Errors make the translation unusable (an unknown tag, a
// tag of the wrong kind, a pair opened twice or closed out of order, a
// dropped tag whose markup carries content: a link, an image, code); a
// dropped style tag is a warning, because dropping emphasis is sometimes
// right.
func Check(toks []Token, phs []pipeline.Placeholder) []Problem {
	var probs []Problem
	seen := make([]bool, len(phs))
	var stack []Token
	for _, t := range toks {
		if t.Kind == Text {
			continue
		}
		if t.N < 1 || t.N > len(phs) {
			probs = append(probs, Problem{Offset: t.Offset, Code: "tag-unknown", Msg: fmt.Sprintf("tag %s is not in the source (it has %d)", t.Text, len(phs)), Severity: pipeline.SeverityError})
			continue
		}
		ph := phs[t.N-1]
		switch t.Kind {
		case Standalone:
			if ph.Kind != pipeline.Standalone {
				probs = append(probs, Problem{Offset: t.Offset, Code: "tag-kind", Msg: fmt.Sprintf("tag %s must be a pair <%d>…</%d>", t.Text, t.N, t.N), Severity: pipeline.SeverityError})
				continue
			}
			if seen[t.N-1] {
				probs = append(probs, Problem{Offset: t.Offset, Code: "tag-duplicate", Msg: fmt.Sprintf("tag %s appears twice", t.Text), Severity: pipeline.SeverityError})
			}
			seen[t.N-1] = true
		case Open:
			if ph.Kind != pipeline.Paired {
				probs = append(probs, Problem{Offset: t.Offset, Code: "tag-kind", Msg: fmt.Sprintf("tag %s must be written <%d/>", t.Text, t.N), Severity: pipeline.SeverityError})
				continue
			}
			if seen[t.N-1] {
				probs = append(probs, Problem{Offset: t.Offset, Code: "tag-duplicate", Msg: fmt.Sprintf("tag %s appears twice", t.Text), Severity: pipeline.SeverityError})
			}
			seen[t.N-1] = true
			stack = append(stack, t)
		case Close:
			if ph.Kind != pipeline.Paired {
				probs = append(probs, Problem{Offset: t.Offset, Code: "tag-kind", Msg: fmt.Sprintf("tag %s must be written <%d/>", t.Text, t.N), Severity: pipeline.SeverityError})
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1].N != t.N {
				probs = append(probs, Problem{Offset: t.Offset, Code: "tag-unbalanced", Msg: fmt.Sprintf("%s closes a tag that is not the innermost open one", t.Text), Severity: pipeline.SeverityError})
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
	for _, t := range stack {
		probs = append(probs, Problem{Offset: t.Offset, Code: "tag-unbalanced", Msg: fmt.Sprintf("%s is never closed", t.Text), Severity: pipeline.SeverityError})
	}
	for i, ok := range seen {
		if ok {
			continue
		}
		open, _ := pipeline.Tag(i+1, phs[i].Kind)
		if phs[i].Content {
			probs = append(probs, Problem{Offset: 0, Code: CodeMissingContent, Msg: fmt.Sprintf("tag %s (%s) is missing: its content would be lost", open, phs[i].Label), Severity: pipeline.SeverityError})
			continue
		}
		probs = append(probs, Problem{Offset: 0, Code: CodeMissing, Msg: fmt.Sprintf("tag %s (%s) is missing", open, phs[i].Label), Severity: pipeline.SeverityWarning})
	}
	return probs
}

// HasErrors reports whether any problem is an error.
func HasErrors(probs []Problem) bool {
	for _, p := range probs {
		if p.Severity == pipeline.SeverityError {
			return true
		}
	}
	return false
}

// Markup returns what token t stands for in the source: a text token's own
// text, a tag's markup (its placeholder's Open, or Close for a closing
// tag). A tag beyond phs stands for nothing: Check reports it first.
func Markup(t Token, phs []pipeline.Placeholder) string {
	switch {
	case t.Kind == Text:
		return t.Text
	case t.N < 1 || t.N > len(phs):
		return ""
	case t.Kind == Close:
		return phs[t.N-1].Close
	}
	return phs[t.N-1].Open
}

// Expand turns tags back into the markup they stand for: the message as
// the source's syntax writes it.
func Expand(toks []Token, phs []pipeline.Placeholder) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(Markup(t, phs))
	}
	return b.String()
}

// Strip returns the message's text without tags: what a reader sees of it,
// used for page titles and word counts.
func Strip(msg string) string {
	var out []byte
	for _, t := range Parse(msg) {
		if t.Kind == Text {
			out = append(out, t.Text...)
		}
	}
	return string(out)
}
