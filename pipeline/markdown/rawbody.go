package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// CodeShortcodeHTML is the problem code of a translation that writes HTML
// in the body of a shortcode. Hugo runs no Markdown on a "{{< name >}}"
// body and many shortcodes print it as it is; a "{{% name %}}" body is
// Markdown, but a template that writes it just after an HTML tag on the
// same line ("<div>{{ .Inner }}</div>") makes it part of an HTML block,
// where a backslash escapes nothing. Either way the HTML would reach the
// page live.
const CodeShortcodeHTML = "shortcode-html"

// bodyMode says how text in a shortcode's body is written.
type bodyMode uint8

const (
	// inProse: not in a shortcode's body.
	inProse bodyMode = iota
	// inRaw: in a "{{< >}}" body, printed as it is or read as Markdown:
	// backslash escapes become character references.
	inRaw
	// inPercent: in a "{{% %}}" body, read as Markdown or as part of an
	// HTML block: "<" and "&" become character references too, so that
	// no tag, comment or reference of the translator's can open there.
	inPercent
)

// shortcodeBody is the span of a shortcode's body.
type shortcodeBody struct {
	start, stop int
	percent     bool // {{% name %}}
}

// rawBodies returns the bodies of the "{{< name >}} … {{< /name >}}" and
// "{{% name %}} … {{% /name %}}" shortcodes of src, outermost first,
// sorted by start. Hugo reads shortcodes before Markdown everywhere but
// in front matter, code blocks included, so src is scanned as Hugo scans
// it.
func rawBodies(src []byte) []shortcodeBody {
	type open struct {
		name    string
		end     int
		percent bool
	}
	var stack []open
	var out []shortcodeBody
	for i := nextShortcode(src, bodyStart(src)); i >= 0; {
		sc, ok := scanShortcode(src, i)
		if !ok {
			i = nextShortcode(src, i+2)
			continue
		}
		switch {
		case sc.name == "" || sc.self:
		case sc.closing:
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].name == sc.name {
					out = append(out, shortcodeBody{start: stack[k].end, stop: i, percent: stack[k].percent})
					stack = stack[:k]
					break
				}
			}
		default:
			stack = append(stack, open{name: sc.name, end: sc.end, percent: sc.percent})
		}
		i = nextShortcode(src, sc.end)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// bodies finds the shortcode bodies of one source on first use and keeps
// them: a document's segments are rendered one by one, and scanning the
// source for each would make a large document cost its size times its
// segments.
type bodies struct {
	src     []byte
	scanned bool
	spans   []shortcodeBody
}

// at returns how text at offset off of the source is written: the
// strictest mode of the shortcode bodies it lies in.
func (b *bodies) at(off int) bodyMode {
	if !b.scanned {
		b.scanned = true
		if bytes.Contains(b.src, []byte("{{<")) || bytes.Contains(b.src, []byte("{{%")) {
			b.spans = rawBodies(b.src)
		}
	}
	mode := inProse
	for _, s := range b.spans {
		if s.start > off {
			break
		}
		if off < s.stop {
			mode = max(mode, modeOf(s.percent))
		}
	}
	return mode
}

func modeOf(percent bool) bodyMode {
	if percent {
		return inPercent
	}
	return inRaw
}

// rawTokens returns, for each token of a translation of seg, how its text
// is written when it lies in a shortcode's body: the whole segment lies
// in one or holds a "{{% %}}" shortcode, or the token lies between the
// paired tags of an inline one.
// It returns nil when no token does.
func rawTokens(b *bodies, seg *pipeline.Segment, toks []placeholder.Token) []bodyMode {
	all := b.at(seg.Start())
	for _, ph := range seg.Placeholders {
		// A {{% %}} shortcode's output is Markdown: one that writes an
		// HTML tag first starts an HTML block where it begins a line,
		// and a translation may move it there or break the line before
		// it, so the whole segment may end up in that block.
		if m := ph.Open; strings.HasPrefix(m, "{{%") && !strings.HasPrefix(strings.TrimLeft(m[3:], " \t"), "/*") {
			all = inPercent
		}
	}
	var raw []bodyMode
	var open [inPercent + 1]int // inline shortcodes open, by mode
	kind := func(t placeholder.Token) bodyMode {
		if t.N < 1 || t.N > len(seg.Placeholders) {
			return inProse
		}
		m := seg.Placeholders[t.N-1].Open
		if len(m) < 3 || !strings.HasPrefix(m, "{{<") && !strings.HasPrefix(m, "{{%") ||
			strings.HasPrefix(strings.TrimLeft(m[3:], " \t"), "/*") {
			return inProse
		}
		return modeOf(m[2] == '%')
	}
	for i, t := range toks {
		switch t.Kind {
		case placeholder.Open:
			open[kind(t)]++
		case placeholder.Close:
			if k := kind(t); open[k] > 0 {
				open[k]--
			}
		case placeholder.Text:
			mode := all
			if open[inPercent] > 0 {
				mode = inPercent
			} else if open[inRaw] > 0 {
				mode = max(mode, inRaw)
			}
			if mode != inProse {
				if raw == nil {
					raw = make([]bodyMode, len(toks))
				}
				raw[i] = mode
			}
		}
	}
	return raw
}

// rawHTML returns the problems of text in a shortcode's body that a
// browser would read as markup: a "<" that opens a tag, a closing tag, a
// comment or a declaration.
func rawHTML(toks []placeholder.Token, raw []bodyMode) []placeholder.Problem {
	for i, t := range toks {
		if raw == nil || raw[i] == inProse {
			continue
		}
		for k := 0; k+1 < len(t.Text); k++ {
			if c := t.Text[k+1]; t.Text[k] == '<' && (isAlnum(c) && !(c >= '0' && c <= '9') || c == '/' || c == '!' || c == '?') {
				msg := "Hugo prints the body of a {{< >}} shortcode as it is, so HTML here would reach the page: write the text without tags (\"<\" followed by a letter, \"/\", \"!\" or \"?\")"
				if raw[i] == inPercent {
					msg = "a shortcode's template may put the body of a {{% %}} shortcode in an HTML block, where HTML is live, so HTML is refused here: write the text without tags (\"<\" followed by a letter, \"/\", \"!\" or \"?\")"
				}
				return []placeholder.Problem{{
					Offset:   t.Offset + k,
					Code:     CodeShortcodeHTML,
					Severity: pipeline.SeverityError,
					Msg:      msg,
				}}
			}
		}
	}
	return nil
}

// writeBody rewrites text v written for Markdown as mode asks.
func writeBody(v []byte, mode bodyMode) []byte {
	switch mode {
	case inRaw:
		return asEntities(v, false)
	case inPercent:
		return asEntities(v, true)
	}
	return v
}

// asEntities rewrites the backslash escapes of text written for Markdown
// as numeric character references, which read as the same characters in
// Markdown and in HTML: a shortcode's body may reach the page as either.
// With markup set, every other "<" and "&" is written as one too, so
// that the text opens no tag, comment or reference in HTML.
func asEntities(v []byte, markup bool) []byte {
	if bytes.IndexByte(v, '\\') < 0 && (!markup || bytes.IndexAny(v, "<&") < 0) {
		return v
	}
	out := make([]byte, 0, len(v)+16)
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]):
			out = fmt.Appendf(out, "&#%d;", v[i+1])
			i++
		case markup && (v[i] == '<' || v[i] == '&'):
			out = fmt.Appendf(out, "&#%d;", v[i])
		default:
			out = append(out, v[i])
		}
	}
	return out
}
