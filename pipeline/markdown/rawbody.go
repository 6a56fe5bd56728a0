package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// CodeShortcodeHTML is the problem code of a translation that writes HTML
// in the body of a "{{< name >}}" shortcode, which Hugo does not read as
// Markdown: many shortcodes print that body as it is, so the HTML would
// reach the page live.
const CodeShortcodeHTML = "shortcode-html"

// rawBodies returns the spans of src that are the bodies of "{{< name >}}
// … {{< /name >}}" shortcodes, outermost first, sorted by start. Hugo
// reads shortcodes before Markdown everywhere but in front matter, code
// blocks included, so src is scanned as Hugo scans it.
func rawBodies(src []byte) [][2]int {
	type open struct {
		name string
		end  int
		raw  bool
	}
	var stack []open
	var out [][2]int
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
					if stack[k].raw {
						out = append(out, [2]int{stack[k].end, i})
					}
					stack = stack[:k]
					break
				}
			}
		default:
			stack = append(stack, open{name: sc.name, end: sc.end, raw: !sc.percent})
		}
		i = nextShortcode(src, sc.end)
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// bodyCache keeps the raw bodies of the last document rendered: Render
// is called once per segment of the same source.
var bodyCache struct {
	sync.Mutex
	src    []byte
	bodies [][2]int
}

// inRawBody reports whether offset off of src lies in the body of a
// "{{< name >}}" shortcode.
func inRawBody(src []byte, off int) bool {
	if len(src) == 0 || !bytes.Contains(src, []byte("{{<")) {
		return false
	}
	bodyCache.Lock()
	c := bodyCache.src
	if len(c) != len(src) || &c[0] != &src[0] {
		bodyCache.src, bodyCache.bodies = src, rawBodies(src)
	}
	bodies := bodyCache.bodies
	bodyCache.Unlock()
	for _, b := range bodies {
		if b[0] > off {
			break
		}
		if off < b[1] {
			return true
		}
	}
	return false
}

// rawTokens returns, for each token of a translation of seg, whether it
// is text in the body of a "{{< name >}}" shortcode: the whole segment
// lies in one, or the token lies between the paired tags of an inline
// one.
func rawTokens(src []byte, seg *pipeline.Segment, toks []placeholder.Token) []bool {
	all := inRawBody(src, seg.Start())
	var raw []bool
	depth := 0
	angle := func(t placeholder.Token) bool {
		if t.N < 1 || t.N > len(seg.Placeholders) {
			return false
		}
		m := seg.Placeholders[t.N-1].Open
		return strings.HasPrefix(m, "{{<") && !strings.HasPrefix(strings.TrimLeft(m[3:], " \t"), "/*")
	}
	for i, t := range toks {
		switch t.Kind {
		case placeholder.Open:
			if angle(t) {
				depth++
			}
		case placeholder.Close:
			if angle(t) && depth > 0 {
				depth--
			}
		case placeholder.Text:
			if all || depth > 0 {
				if raw == nil {
					raw = make([]bool, len(toks))
				}
				raw[i] = true
			}
		}
	}
	return raw
}

// rawHTML returns the problems of text that a browser would read as
// markup where Hugo prints it as it is: a "<" that opens a tag, a closing
// tag, a comment or a declaration.
func rawHTML(toks []placeholder.Token, raw []bool) []placeholder.Problem {
	for i, t := range toks {
		if raw != nil && raw[i] {
			for k := 0; k+1 < len(t.Text); k++ {
				if c := t.Text[k+1]; t.Text[k] == '<' && (isAlnum(c) && !(c >= '0' && c <= '9') || c == '/' || c == '!' || c == '?') {
					return []placeholder.Problem{{
						Offset:   t.Offset + k,
						Code:     CodeShortcodeHTML,
						Severity: pipeline.SeverityError,
						Msg:      "Hugo prints the body of a {{< >}} shortcode as it is, so HTML here would reach the page: write the text without tags (\"<\" followed by a letter, \"/\", \"!\" or \"?\")",
					}}
				}
			}
		}
	}
	return nil
}

// asEntities rewrites the backslash escapes of text written for Markdown
// as numeric character references, which read as the same characters in
// Markdown and in HTML: the body of a "{{< name >}}" shortcode may reach
// the page as either.
func asEntities(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 {
		return v
	}
	out := make([]byte, 0, len(v)+16)
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]) {
			out = fmt.Appendf(out, "&#%d;", v[i+1])
			i++
			continue
		}
		out = append(out, v[i])
	}
	return out
}
