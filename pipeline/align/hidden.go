package align

import (
	"bytes"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/quipu-l10n/quipu/pipeline"
)

// hiddenStyle is a style that keeps an element's text from a reader:
// display: none, visibility: hidden or collapse, zero size or opacity,
// text pushed off the page.
var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*(hidden|collapse)|opacity\s*:\s*0(\.0*)?\s*(;|$|!)|font-size\s*:\s*0[a-z%]*\s*(;|$|!)|(text-indent|left|top)\s*:\s*-\d{3,}`)

// hides reports whether an element's attributes keep its content from a
// reader of the page: the hidden attribute, aria-hidden, a hiding style.
func hides(t html.Token) bool {
	if t.DataAtom == atom.Template || t.DataAtom == atom.Noscript {
		return true
	}
	for _, a := range t.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if hiddenStyle.MatchString(a.Val) {
				return true
			}
		}
	}
	return false
}

// hiddenRanges are the byte ranges of src (HTML, or Markdown with HTML
// in it) inside elements a reader does not see. Text there is no one's
// translation: a page's author, or whoever planted it, kept it from the
// page, so taking it would publish what no reader of the translation
// ever saw.
func hiddenRanges(src []byte) [][2]int {
	if !bytes.Contains(src, []byte("<")) {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	var out [][2]int
	type open struct {
		name   string
		hidden bool
	}
	var stack []open
	depth := 0 // open hidden elements
	start, off := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		switch tt {
		case html.StartTagToken:
			t := z.Token()
			if voidElement(t.DataAtom) {
				break
			}
			h := hides(t)
			if h {
				if depth == 0 {
					start = off
				}
				depth++
			}
			stack = append(stack, open{t.Data, h})
		case html.EndTagToken:
			t := z.Token()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name != t.Data {
					continue
				}
				for _, o := range stack[i:] {
					if o.hidden {
						depth--
						if depth == 0 {
							out = append(out, [2]int{start, off + raw})
						}
					}
				}
				stack = stack[:i]
				break
			}
		}
		off += raw
	}
	if depth > 0 {
		out = append(out, [2]int{start, len(src)})
	}
	return out
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// fenceRE finds a Markdown code fence's opening or closing line.
var fenceRE = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")

// codeSpanRE finds a Markdown code span: code, not markup.
var codeSpanRE = regexp.MustCompile("(`+)[^`]*?(`+)")

// withoutCode blanks out a Markdown document's code blocks and code spans,
// offsets kept: HTML written there is shown as code, hides nothing, and
// an unclosed <div hidden> in an example must not hide what follows.
func withoutCode(src []byte) []byte {
	out := append([]byte(nil), src...)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	var fence string
	for off := 0; off < len(out); {
		end := bytes.IndexByte(out[off:], '\n')
		if end < 0 {
			end = len(out)
		} else {
			end += off + 1
		}
		line := out[off:end]
		m := fenceRE.FindSubmatch(line)
		switch {
		case fence == "" && m != nil:
			fence = string(m[1][:3])
			blank(off, end)
		case fence != "":
			if m != nil && string(m[1][:3]) == fence {
				fence = ""
			}
			blank(off, end)
		case bytes.HasPrefix(line, []byte("    ")) || bytes.HasPrefix(line, []byte("\t")):
			blank(off, end) // indented code, or a paragraph's continuation: no block markup either way
		}
		off = end
	}
	for _, loc := range codeSpanRE.FindAllIndex(out, -1) {
		blank(loc[0], loc[1])
	}
	return out
}

// visible keeps the segments of doc a reader sees, and counts the others.
func visible(doc *pipeline.Document) ([]*pipeline.Segment, int) {
	src := doc.Source
	if doc.Format == pipeline.FormatMarkdown {
		src = withoutCode(src)
	}
	rs := hiddenRanges(src)
	if len(rs) == 0 {
		return doc.Segments, 0
	}
	var out []*pipeline.Segment
	n := 0
	for _, s := range doc.Segments {
		hid := false
		if len(s.Lines) > 0 {
			at := s.Start()
			for _, r := range rs {
				if at >= r[0] && at < r[1] {
					hid = true
					break
				}
			}
		}
		if hid {
			n++
			continue
		}
		out = append(out, s)
	}
	return out, n
}
