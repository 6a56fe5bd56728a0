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
// a line break or a backslash, which would end the value or escape its
// closing quote, makes the translation unusable.
func renderShortcodeParam(seg *pipeline.Segment, text string) ([]byte, []placeholder.Problem) {
	toks := placeholder.Parse(text)
	probs := placeholder.Check(toks, seg.Placeholders)
	if placeholder.HasErrors(probs) {
		return nil, probs
	}
	value := placeholder.Expand(toks, seg.Placeholders)
	if i := strings.IndexAny(value, "\n\r\\"); i >= 0 {
		return nil, append(probs, placeholder.Problem{
			Offset:   i,
			Code:     CodeShortcodeArgument,
			Severity: pipeline.SeverityError,
			Msg:      "a shortcode argument is one line in quotes: write it without line breaks or backslashes",
		})
	}
	return []byte(strings.ReplaceAll(value, `"`, `\"`)), probs
}
