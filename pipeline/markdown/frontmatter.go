package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	yast "github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// DefaultFrontMatterKeys are the front matter keys whose values are text
// for readers, under Hugo, Docusaurus and MkDocs alike (see
// FrontMatterKeys). Every other key (slug, aliases, weight, date, …) is
// kept byte for byte.
var DefaultFrontMatterKeys = []string{"title", "description", "summary", "linkTitle", "sidebar_label"}

// frontMatterKeys are the keys each site generator shows readers.
var frontMatterKeys = map[string][]string{
	"hugo":       {"title", "description", "summary", "linkTitle"},
	"docusaurus": {"title", "sidebar_label", "description"},
	"mkdocs":     {"title", "description"},
}

// FrontMatterKeys returns the front matter keys whose values generator
// ("hugo", "docusaurus" or "mkdocs", in any case) shows readers, for a
// project's front_matter_keys; any other name gets
// DefaultFrontMatterKeys. The slice is the caller's.
func FrontMatterKeys(generator string) []string {
	if keys, ok := frontMatterKeys[strings.ToLower(generator)]; ok {
		return slices.Clone(keys)
	}
	return slices.Clone(DefaultFrontMatterKeys)
}

// frontMatter is the metadata block at the very start of a Markdown file,
// as static site generators read it: YAML between "---" lines or TOML
// between "+++" lines.
type frontMatter struct {
	toml        bool
	start, stop int // the block between the delimiter lines
	end         int // where the Markdown begins, after the closing line
}

// findFrontMatter finds the delimiters of a front matter block. Whether
// the block is metadata at all is for its parser to say (see bodyStart).
func findFrontMatter(src []byte) (frontMatter, bool) {
	var delim string
	switch {
	case bytes.HasPrefix(src, []byte("---")):
		delim = "---"
	case bytes.HasPrefix(src, []byte("+++")):
		delim = "+++"
	default:
		return frontMatter{}, false
	}
	fm := frontMatter{toml: delim == "+++"}
	isDelim := func(line []byte) bool {
		return string(bytes.TrimRight(line, " \t\r\n")) == delim
	}
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 || !isDelim(src[:nl+1]) {
		return frontMatter{}, false
	}
	fm.start = nl + 1
	for off := fm.start; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		next := off + end + 1
		if end < 0 {
			next = len(src)
		}
		if isDelim(src[off:next]) {
			fm.stop, fm.end = off, next
			return fm, true
		}
		off = next
	}
	return frontMatter{}, false
}

// bodyStart returns the offset where the Markdown of src begins: after a
// front matter block, if it has one. A YAML block that is a plain scalar or
// a list is not metadata but Markdown (a thematic break and a heading).
func bodyStart(src []byte) int {
	fm, ok := findFrontMatter(src)
	if !ok {
		return 0
	}
	if !fm.toml {
		f, err := parser.ParseBytes(src[fm.start:fm.stop], 0)
		if err == nil && !isMapping(f) {
			return 0
		}
	}
	return fm.end
}

func isMapping(f *yast.File) bool {
	if len(f.Docs) != 1 {
		return false
	}
	switch top(f).(type) {
	case nil, *yast.MappingNode:
		return true
	}
	return false
}

// top is the top-level node of a one-document file, through any anchor or
// tag put on it.
func top(f *yast.File) yast.Node {
	n := f.Docs[0].Body
	for {
		switch v := n.(type) {
		case *yast.AnchorNode:
			n = v.Value
		case *yast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

// frontMatterSegments returns the segments of the values of keys in the
// front matter: top-level keys whose value is a string on one line.
func frontMatterSegments(path string, src []byte, keys []string) ([]*pipeline.Segment, error) {
	fm, ok := findFrontMatter(src)
	if !ok || bodyStart(src) == 0 {
		return nil, nil
	}
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	var vals []fmValue
	var err error
	if fm.toml {
		vals, err = tomlValues(path, src, fm)
	} else {
		vals, err = yamlValues(path, src, fm)
	}
	if err != nil {
		return nil, err
	}
	var segs []*pipeline.Segment
	for _, v := range vals {
		if !want[v.key] || !v.str {
			continue
		}
		b := &builder{v: []byte(v.text)}
		b.literal(0, len(v.text))
		seg := b.segment()
		if !pipeline.Translatable(seg.Text) {
			continue
		}
		seg.Kind, seg.SingleLine = pipeline.KindFrontMatter, true
		if v.key == "title" {
			seg.Kind = pipeline.KindTitle
		}
		seg.ID = pipeline.SegmentID(seg.Text)
		seg.Lines = []pipeline.Line{{Start: v.start, Stop: v.stop}}
		seg.Line, seg.Col = pipeline.LineCol(src, v.start)
		segs = append(segs, seg)
	}
	return segs, nil
}

// fmValue is a top-level value of the front matter.
type fmValue struct {
	key         string
	str         bool // a string on one line
	text        string
	start, stop int // its source bytes, quotes included
}

func yamlValues(path string, src []byte, fm frontMatter) ([]fmValue, error) {
	block := src[fm.start:fm.stop]
	f, err := parser.ParseBytes(block, 0)
	if err != nil {
		var ye yaml.Error
		pos := pipeline.Position{File: path}
		msg := err.Error()
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line, _ := pipeline.LineCol(src, fm.start)
				pos.Line, pos.Col = line+tk.Position.Line-1, tk.Position.Column
			}
		}
		return nil, &pipeline.Error{Pos: pos, Msg: "front matter: " + msg}
	}
	if !isMapping(f) {
		return nil, nil
	}
	m, ok := top(f).(*yast.MappingNode)
	if !ok || m.IsFlowStyle {
		return nil, nil
	}
	lineStarts := []int{0}
	for i, c := range block {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	var out []fmValue
	for _, mv := range m.Values {
		kt := mv.Key.GetToken()
		v := fmValue{key: kt.Value}
		s, isStr := mv.Value.(*yast.StringNode)
		if isStr && s.Token.Position.Line == kt.Position.Line {
			tk := s.Token
			// Columns count characters; only ASCII (a key, a colon, spaces)
			// precedes a value whose key quipu reads, else it is skipped.
			ls := lineStarts[tk.Position.Line-1]
			at := ls + tk.Position.Column - 1
			if at < len(block) && isASCII(block[ls:at]) {
				if end, ok := yamlScalarEnd(block, at, tk); ok {
					v.str, v.text = true, tk.Value
					v.start, v.stop = fm.start+at, fm.start+end
				}
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// yamlScalarEnd returns the end of the one-line scalar starting at at.
func yamlScalarEnd(b []byte, at int, tk *token.Token) (int, bool) {
	switch tk.Type {
	case token.StringType:
		end := at + len(tk.Value)
		return end, end <= len(b) && string(b[at:end]) == tk.Value
	case token.DoubleQuoteType, token.SingleQuoteType:
		q := b[at]
		for i := at + 1; i < len(b); i++ {
			switch {
			case b[i] == '\n':
				return 0, false
			case q == '"' && b[i] == '\\':
				i++
			case b[i] == q && q == '\'' && i+1 < len(b) && b[i+1] == '\'':
				i++
			case b[i] == q:
				return i + 1, true
			}
		}
	}
	return 0, false
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func tomlValues(path string, src []byte, fm frontMatter) ([]fmValue, error) {
	block := src[fm.start:fm.stop]
	var p unstable.Parser
	p.Reset(block)
	var out []fmValue
	tables := false
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			tables = true // what follows belongs to a table: not top level
		}
		if e.Kind != unstable.KeyValue || tables {
			continue
		}
		keys := e.Key()
		keys.Next()
		v := fmValue{key: string(keys.Node().Data)}
		if keys.Next() {
			continue // a dotted key
		}
		if val := e.Value(); val.Kind == unstable.String {
			raw := p.Raw(val.Raw)
			if !bytes.HasPrefix(raw, []byte(`"""`)) && !bytes.HasPrefix(raw, []byte(`'''`)) {
				v.str, v.text = true, string(val.Data)
				v.start = fm.start + int(val.Raw.Offset)
				v.stop = v.start + int(val.Raw.Length)
			}
		}
		out = append(out, v)
	}
	if err := p.Error(); err != nil {
		pos := pipeline.Position{File: path}
		var pe *unstable.ParserError
		if errors.As(err, &pe) && pe.Highlight != nil {
			sh := p.Shape(p.Range(pe.Highlight))
			line, _ := pipeline.LineCol(src, fm.start)
			pos.Line, pos.Col = line+sh.Start.Line-1, sh.Start.Column
		}
		return nil, &pipeline.Error{Pos: pos, Msg: "front matter: " + err.Error()}
	}
	return out, nil
}

// renderFrontMatter writes a translated front matter value in the syntax
// of its block, quoted so that whatever the translation holds (": ", "#",
// quotes, line breaks) it stays one string value of the same key.
func renderFrontMatter(src []byte, fm frontMatter, seg *pipeline.Segment, text string) ([]byte, []placeholder.Problem) {
	toks := placeholder.Parse(text)
	probs := placeholder.Check(toks, seg.Placeholders)
	if placeholder.HasErrors(probs) {
		return nil, probs
	}
	value := placeholder.Expand(toks, seg.Placeholders)
	quote := src[seg.Start()]
	if fm.toml {
		return []byte(tomlValue(value, quote)), probs
	}
	return []byte(yamlValue(value, quote)), probs
}

// inlineSyntax are the characters a Markdown reader that does not know
// front matter (CommonMark, GitHub's Markdown: the block is a paragraph or
// a heading to them) could read as markup in a value. A translated value
// holding one is written with \u escapes, which the YAML or TOML reader
// turns back into the character and Markdown shows as text.
const inlineSyntax = "`*_[]<>!&~|"

// yamlValue writes a translated value as yamlString does, with the
// characters of inlineSyntax escaped in a double-quoted scalar.
func yamlValue(s string, quote byte) string {
	if !strings.ContainsAny(s, inlineSyntax) {
		return yamlString(s, quote)
	}
	return mdSafe(yamlString(s, '"'))
}

// tomlValue writes a translated value as tomlString does, with the
// characters of inlineSyntax escaped in a basic string.
func tomlValue(s string, quote byte) string {
	if !strings.ContainsAny(s, inlineSyntax) {
		return tomlString(s, quote)
	}
	return mdSafe(catalog.Quote(s))
}

// mdSafe replaces the characters of inlineSyntax in a double-quoted YAML
// or basic TOML string with \u escapes. A backslash is escaped already:
// the file holds two, which Markdown shows as one.
func mdSafe(quoted string) string {
	var b strings.Builder
	for _, r := range quoted {
		if r < utf8.RuneSelf && strings.ContainsRune(inlineSyntax, r) {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// yamlString writes s as a YAML scalar: plain when the source value was
// plain and s cannot be read as anything else, in single quotes when the
// source used them and s fits on a line, else double-quoted.
func yamlString(s string, quote byte) string {
	switch {
	case quote != '"' && quote != '\'' && plainSafe(s):
		return s
	case quote == '\'' && printable(s):
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case !isPrintable(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plainSafe reports whether s reads back as the same string when written
// as a plain YAML scalar in a block mapping. The test is strict on
// purpose: anything doubtful is quoted.
func plainSafe(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" || !(unicode.IsLetter(r) || r == '¿' || r == '¡') || !printable(s) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") || strings.TrimSpace(s) != s {
		return false
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}

// printable reports whether s needs no escape in a quoted YAML scalar.
func printable(s string) bool {
	for _, r := range s {
		if !isPrintable(r) || r == '\n' || r == '\t' {
			return false
		}
	}
	return utf8.ValidString(s)
}

func isPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20 || r == 0x7F || r >= 0x80 && r <= 0x9F:
		return false
	case r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == utf8.RuneError:
		return false
	}
	return true
}

// tomlString writes s as a TOML string: literal ('…') when the source value
// was and s allows it, else basic ("…") with escapes.
func tomlString(s string, quote byte) string {
	if quote == '\'' && printable(s) && !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	return catalog.Quote(s) // the basic string message files use too
}

// SetLang returns src with its front matter's lang key set to locale, added
// when missing; a document without front matter (or whose front matter is
// not a block of keys) is returned as it is.
func SetLang(src []byte, locale string) []byte {
	fm, ok := findFrontMatter(src)
	if !ok || bodyStart(src) == 0 {
		return src
	}
	var vals []fmValue
	var err error
	if fm.toml {
		vals, err = tomlValues("", src, fm)
	} else {
		vals, err = yamlValues("", src, fm)
	}
	if err != nil {
		return src
	}
	splice := func(start, stop int, s string) []byte {
		out := make([]byte, 0, len(src)+len(s))
		out = append(out, src[:start]...)
		out = append(out, s...)
		return append(out, src[stop:]...)
	}
	for _, v := range vals {
		if v.key != "lang" {
			continue
		}
		if !v.str {
			return src // a lang that is not a string is the author's business
		}
		if v.text == locale {
			return src
		}
		if fm.toml {
			return splice(v.start, v.stop, tomlString(locale, src[v.start]))
		}
		return splice(v.start, v.stop, yamlString(locale, src[v.start]))
	}
	if fm.toml {
		// Top-level keys must come before any table: first is safe.
		return splice(fm.start, fm.start, "lang = "+tomlString(locale, '"')+eol(src))
	}
	if !yamlBlockMapping(src[fm.start:fm.stop]) {
		return src
	}
	return splice(fm.stop, fm.stop, yamlIndent(src[fm.start:fm.stop])+"lang: "+yamlString(locale, 0)+eol(src))
}

// yamlBlockMapping reports whether a YAML block is empty or a mapping in
// block style, to which a line can be added.
func yamlBlockMapping(block []byte) bool {
	f, err := parser.ParseBytes(block, 0)
	if err != nil || !isMapping(f) {
		return false
	}
	m, ok := top(f).(*yast.MappingNode)
	return !ok || !m.IsFlowStyle
}

// yamlIndent is the indentation of the first key of a YAML block.
func yamlIndent(block []byte) string {
	for _, line := range strings.Split(string(block), "\n") {
		t := strings.TrimLeft(line, " ")
		if t != "" && t[0] != '#' && strings.TrimSpace(t) != "" {
			return line[:len(line)-len(t)]
		}
	}
	return ""
}

// eol is the line ending the document uses.
func eol(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}
