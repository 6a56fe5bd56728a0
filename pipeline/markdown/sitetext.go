package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/text"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// CodeShortcodeArgument is the problem code of a translated shortcode
// argument that its quotes cannot hold.
const CodeShortcodeArgument = "shortcode-argument"

// isShortcodeParam reports whether seg is the quoted value of a
// shortcode's text argument.
func isShortcodeParam(src []byte, seg *pipeline.Segment) bool {
	return seg.Kind == pipeline.KindAttribute && shortcodeParamAt(src, seg.Start())
}

// rawSegment is the segment of text that is not Markdown: a shortcode
// argument's value, its escaped quotes unescaped.
func rawSegment(src []byte, s text.Segment) *pipeline.Segment {
	// Hugo reads \" as a quote; renderShortcodeParam writes it back.
	b := &builder{v: bytes.ReplaceAll(src[s.Start:s.Stop], []byte(`\"`), []byte(`"`))}
	b.literal(0, len(b.v))
	seg := b.segment()
	seg.Lines = []pipeline.Line{{Start: s.Start, Stop: s.Stop}}
	return seg
}

// renderShortcodeParam writes a translated argument inside its double
// quotes as Hugo's shortcode lexer reads them: a quote is escaped as \";
// a line break, which would end the value, makes the translation
// unusable, and so does a backslash last, which would escape its closing
// quote, or beside a quote, which Hugo would drop.
func renderShortcodeParam(seg *pipeline.Segment, text string) ([]byte, []placeholder.Problem) {
	toks := placeholder.Parse(text)
	probs := placeholder.Check(toks, seg.Placeholders)
	if placeholder.HasErrors(probs) {
		return nil, probs
	}
	value := placeholder.Expand(toks, seg.Placeholders)
	i := strings.IndexAny(value, "\n\r")
	if i < 0 && (strings.HasSuffix(value, `\`) || strings.Contains(value, `"`)) {
		// Hugo drops every backslash of a value that holds an escaped
		// quote.
		i = strings.IndexByte(value, '\\')
	}
	if i >= 0 {
		return nil, append(probs, placeholder.Problem{
			Offset:   i,
			Code:     CodeShortcodeArgument,
			Severity: pipeline.SeverityError,
			Msg:      "a shortcode argument is one line in quotes: write it without line breaks, and without backslashes if it ends in one or has a quote",
		})
	}
	return []byte(strings.ReplaceAll(value, `"`, `\"`)), probs
}

func (b *builder) noteShortcode(ph int, sc shortcodeInfo) {
	if b.shortcodes == nil {
		b.shortcodes = map[int]shortcodeInfo{}
	}
	b.shortcodes[ph] = sc
}

// pairShortcodes makes an inline shortcode and its closing tag in the
// same message one paired tag, "<1>inline</1>", when they nest with the
// message's other tags: a translator then moves or keeps them together,
// and a translation that would close the shortcode before opening it, or
// leave it open, breaks the pair and is rejected. A shortcode without a
// closing tag ({{< param x >}}) stays standalone.
func (b *builder) pairShortcodes() {
	if len(b.shortcodes) == 0 {
		return
	}
	type frame struct {
		piece int
		name  string // "" for a paired tag
	}
	var stack []frame
	pairs := map[int]int{} // piece opening a shortcode to the piece closing it
	for i, pc := range b.pieces {
		if pc.literal != "" {
			continue
		}
		switch pc.tag {
		case placeholder.Open:
			stack = append(stack, frame{piece: i})
		case placeholder.Close:
			// Shortcodes opened inside the closing pair stay open.
			for len(stack) > 0 && stack[len(stack)-1].name != "" {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		default:
			sc, ok := b.shortcodes[pc.ph]
			switch {
			case !ok || sc.self || sc.name == "":
			case sc.closing:
				for k := len(stack) - 1; k >= 0 && stack[k].name != ""; k-- {
					if stack[k].name == sc.name {
						pairs[stack[k].piece] = i
						stack = stack[:k]
						break
					}
				}
			default:
				stack = append(stack, frame{piece: i, name: sc.name})
			}
		}
	}
	if len(pairs) == 0 {
		return
	}
	drop := map[int]bool{}
	for open, close := range pairs {
		o, c := b.pieces[open].ph, b.pieces[close].ph
		b.phs[o].Kind, b.phs[o].Close = pipeline.Paired, b.phs[c].Open
		b.pieces[open].tag = placeholder.Open
		b.pieces[close] = piece{tag: placeholder.Close, ph: o}
		drop[c] = true
	}
	// Tags are numbered in order: the closing tags' numbers go.
	renum := make([]int, len(b.phs))
	var phs []pipeline.Placeholder
	for i, ph := range b.phs {
		renum[i] = len(phs)
		if !drop[i] {
			phs = append(phs, ph)
		}
	}
	for i := range b.pieces {
		if b.pieces[i].literal == "" {
			b.pieces[i].ph = renum[b.pieces[i].ph]
		}
	}
	b.phs = phs
}
