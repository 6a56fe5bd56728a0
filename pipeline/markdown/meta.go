package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/pelletier/go-toml/v2"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
)

// Meta is what a document's front matter says about publishing it, read
// as Hugo reads it: Date is lastmod, else date (zero when it has neither).
type Meta = format.Meta

// ReadMeta reads the publishing keys of a document's front matter (YAML or
// TOML). A document without front matter has none; a date or draft flag
// that cannot be read is an error at its key.
func ReadMeta(name string, src []byte) (Meta, error) {
	fm, ok := findFrontMatter(src)
	if !ok || bodyStart(src) == 0 {
		return Meta{}, nil
	}
	block := src[fm.start:fm.stop]
	var m map[string]any
	var err error
	if fm.toml {
		err = toml.Unmarshal(block, &m)
	} else {
		err = yaml.Unmarshal(block, &m)
	}
	if err != nil {
		// Extraction reports a front matter that does not parse, with
		// its position; it is not this function's to say it twice.
		return Meta{}, nil
	}
	var meta Meta
	fail := func(key, msg string) error {
		line, col := keyPosition(src, fm, key)
		return &pipeline.Error{Pos: pipeline.Position{File: name, Line: line, Col: col}, Msg: "front matter: " + key + ": " + msg}
	}
	for _, key := range []string{"lastmod", "date"} {
		v, ok := m[key]
		if !ok || v == nil {
			continue
		}
		t, ok := asTime(v)
		if !ok {
			return Meta{}, fail(key, fmt.Sprintf("%v is not a date (write 2006-01-02 or 2006-01-02T15:04:05Z07:00)", v))
		}
		meta.Date = t
		break
	}
	if v, ok := m["draft"]; ok && v != nil {
		b, ok := v.(bool)
		if !ok {
			return Meta{}, fail("draft", notBool(src, fm, v))
		}
		meta.Draft = b
	}
	return meta, nil
}

// notBool is the error of a flag that is not a boolean. As in YAML 1.2
// and TOML, only true and false are: yes, on or "true" in quotes are
// text, refused rather than guessed, so that build, export and status,
// which all read flags here, agree on what is a draft.
func notBool(src []byte, fm frontMatter, v any) string {
	if _, ok := v.(string); ok {
		line, _ := keyPosition(src, fm, "draft")
		if quoted(lineAt(src, line)) {
			return "want true or false, not text in quotes"
		}
	}
	return fmt.Sprintf("want true or false, not %v", v)
}

// quoted reports whether the value of a "key: value" or "key = value"
// line is in quotes.
func quoted(line string) bool {
	i := strings.IndexAny(line, ":=")
	if i < 0 {
		return false
	}
	v := strings.TrimSpace(line[i+1:])
	return strings.HasPrefix(v, `"`) || strings.HasPrefix(v, "'")
}

// lineAt is the text of line n (from 1) of src.
func lineAt(src []byte, n int) string {
	for ; n > 1; n-- {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return string(src)
}

// dateLayouts are the forms of a date YAML leaves as a string: those
// TOML reads as dates, and the space-separated form YAML allows.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// asTime reads a front matter value as a moment. A date without a time
// zone is taken as UTC, so every machine shows the same day.
func asTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, true
	case toml.LocalDate:
		return t.AsTime(time.UTC), true
	case toml.LocalDateTime:
		return t.AsTime(time.UTC), true
	case string:
		s := strings.TrimSpace(t)
		for _, layout := range dateLayouts {
			if d, err := time.Parse(layout, s); err == nil {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// keyPosition is the line and column of a top-level key in the front
// matter, or of the front matter's first line if it is not found.
func keyPosition(src []byte, fm frontMatter, key string) (int, int) {
	for off := fm.start; off < fm.stop; {
		end := bytes.IndexByte(src[off:fm.stop], '\n')
		next := off + end + 1
		if end < 0 {
			next = fm.stop
		}
		rest, ok := strings.CutPrefix(string(src[off:next]), key)
		if ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), ":") || ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
			return pipeline.LineCol(src, off)
		}
		off = next
	}
	return pipeline.LineCol(src, fm.start)
}
