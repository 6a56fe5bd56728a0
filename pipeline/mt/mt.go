// Package mt drafts translations with a machine translation engine: the
// source's tags are protected through the engine, and a draft whose tags
// come back damaged is dropped, never stored.
package mt

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// Engine translates segments. Each segment is sent protected (see
// Protect): text escaped as XML, tags written <x1>…</x1> and <x2/>; the
// engine returns one translation per segment, in order, in the same form.
type Engine interface {
	// Name says where a draft came from ("apertium eng-spa"), for the
	// message file's "#. machine:" note.
	Name() string
	Translate(ctx context.Context, segments []string) ([]string, error)
}

// Protect writes a message for an engine: its tags as XML elements that
// engines which handle markup keep in place (<1> as <x1>, </1> as </x1>,
// <2/> as <x2/>), and its text escaped, so the text's own "<" or "&"
// cannot be taken for markup.
func Protect(msg string) string {
	var b strings.Builder
	for _, t := range placeholder.Parse(msg) {
		// The tag's digits as written, so that Restore gives back the
		// message's own bytes.
		digits := strings.Trim(t.Text, "</>")
		switch t.Kind {
		case placeholder.Open:
			b.WriteString("<x" + digits + ">")
		case placeholder.Close:
			b.WriteString("</x" + digits + ">")
		case placeholder.Standalone:
			b.WriteString("<x" + digits + "/>")
		default:
			b.WriteString(escaper.Replace(t.Text))
		}
	}
	return b.String()
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// engineTag is a protected tag as engines give it back, spaces tolerated
// ("<x2 />"), since an engine may reserialize its markup.
var engineTag = regexp.MustCompile(`<\s*(/?)\s*x(\d{1,4})\s*(/?)\s*>`)

// Restore undoes Protect on an engine's output: protected tags become
// quipu's tags again and the text is unescaped. Any other markup the
// engine wrote stays as text, for Check to refuse.
func Restore(out string) string {
	var b strings.Builder
	last := 0
	for _, m := range engineTag.FindAllStringSubmatchIndex(out, -1) {
		b.WriteString(html.UnescapeString(out[last:m[0]]))
		n := out[m[4]:m[5]]
		closing, self := out[m[2]:m[3]] == "/", out[m[6]:m[7]] == "/"
		switch {
		case closing && !self:
			b.WriteString("</" + n + ">")
		case self && !closing:
			b.WriteString("<" + n + "/>")
		case !closing && !self:
			b.WriteString("<" + n + ">")
		default:
			b.WriteString(out[m[0]:m[1]]) // "</x1/>": damaged, left as text
		}
		last = m[1]
	}
	b.WriteString(html.UnescapeString(out[last:]))
	return b.String()
}

// Damaged reports why a restored draft's tags do not match its source
// segment's ("" when they do): every tag of the source must come back
// once, balanced and of its kind, and no other. A dropped emphasis, which
// a translator may leave out, is damage in a draft: the engine lost it.
func Damaged(draft string, seg *pipeline.Segment) string {
	toks := placeholder.Parse(draft)
	if probs := placeholder.Check(toks, seg.Placeholders); len(probs) > 0 {
		return probs[0].Msg
	}
	for _, t := range toks {
		if t.Kind == placeholder.Text && engineTag.MatchString(t.Text) {
			return "a tag came back damaged: " + engineTag.FindString(t.Text)
		}
	}
	return ""
}

// Flagger is an engine that can tell a draft of its own it knows to be
// wrong (Apertium's marks of words it failed on): such a draft is
// dropped.
type Flagger interface {
	Flag(source, draft string) string
}

// Draft is a machine translation of one segment, or why there is none.
type Draft struct {
	Segment *pipeline.Segment
	Text    string
	// Dropped says why the engine's output was not kept ("" when kept).
	Dropped string
	// Fixed lists the post-editing rules that changed the draft.
	Fixed []string
}

// PostEdit rewrites a draft for its locale; it drops the draft (a
// non-empty reason) when it cannot fix it.
type PostEdit func(source, draft string) (text string, fixed []string, dropped string)

// Translate drafts the segments with the engine, in batches of at most
// batch segments, restores their tags, drops damaged drafts and
// post-edits the rest. An engine's error stops it: drafts made so far are
// returned with the error.
func Translate(ctx context.Context, e Engine, segs []*pipeline.Segment, batch int, post PostEdit) ([]Draft, error) {
	if batch <= 0 {
		batch = len(segs)
	}
	var out []Draft
	for start := 0; start < len(segs); start += batch {
		part := segs[start:min(start+batch, len(segs))]
		in := make([]string, len(part))
		for i, seg := range part {
			in[i] = Protect(seg.Text)
		}
		got, err := e.Translate(ctx, in)
		if err == nil && len(got) != len(in) {
			err = fmt.Errorf("%s returned %d translations for %d segments", e.Name(), len(got), len(in))
		}
		if err != nil {
			return out, err
		}
		for i, seg := range part {
			d := draft(seg, got[i], post)
			if f, ok := e.(Flagger); ok && d.Dropped == "" {
				if why := f.Flag(seg.Text, d.Text); why != "" {
					d.Dropped = why
				}
			}
			out = append(out, d)
		}
	}
	return out, nil
}

func draft(seg *pipeline.Segment, got string, post PostEdit) Draft {
	d := Draft{Segment: seg, Text: tagSpace(seg.Text, keepSpace(seg.Text, Restore(got)))}
	if strings.TrimSpace(placeholder.Strip(d.Text)) == "" {
		d.Dropped = "the engine returned no text"
		return d
	}
	if why := Damaged(d.Text, seg); why != "" {
		d.Dropped = "tags damaged: " + why
		return d
	}
	if probs := qa.Controls(d.Text); probs != nil {
		// Raw or as a character reference (Restore decoded it): the
		// build would reject it, so it is not stored.
		d.Dropped = "the engine wrote a control character"
		return d
	}
	if m := unknownMarkup(got); m != "" {
		// The protocol escapes text, so markup the engine wrote of
		// its own is not the source's: it could run on the page.
		d.Dropped = "the engine wrote markup the source does not have: " + m
		return d
	}
	if post != nil {
		d.Text, d.Fixed, d.Dropped = post(seg.Text, d.Text)
		if d.Dropped == "" {
			if why := Damaged(d.Text, seg); why != "" {
				d.Dropped = "tags damaged by post-editing: " + why
			}
		}
	}
	return d
}

// rawTag is an element the engine wrote, once its protected tags are
// taken out: "<script>", "</b>", "<!--".
var rawTag = regexp.MustCompile(`<\s*[/!?]?\s*[A-Za-z!?][^>]*>?`)

// unknownMarkup is the first markup in an engine's answer that is none
// of the protected tags ("" when there is none).
func unknownMarkup(out string) string {
	return rawTag.FindString(engineTag.ReplaceAllString(out, ""))
}

// keepSpace gives a draft its source's leading and trailing white space
// and line breaks, which engines trim or pad, and collapses the runs of
// spaces engines leave between sentences.
func keepSpace(src, draft string) string {
	var lines []string
	for _, l := range strings.Split(draft, "\n") {
		// A blank line would split the paragraph in two.
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	draft = strings.Join(lines, "\n")
	lead := src[:len(src)-len(strings.TrimLeft(src, " \t\n"))]
	trail := src[len(strings.TrimRight(src, " \t\n")):]
	return lead + draft + trail
}
