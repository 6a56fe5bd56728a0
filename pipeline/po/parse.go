package po

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
)

// Entry is one PO entry as written.
type Entry struct {
	Comments   []string // "# " translator comments
	Extracted  []string // "#." comments
	References []string // "#:" lines
	Flags      []string // "#," flags, one each
	// PrevMsgid is the "#| msgid" of a fuzzy entry.
	PrevMsgid  string
	Context    string
	HasContext bool
	ID         string
	IDPlural   string
	HasPlural  bool
	Str        string
	StrPlural  []string
	// Pos is the entry's first line; ContextPos its msgctxt keyword and
	// StrPos its msgstr keyword.
	Pos, ContextPos, StrPos pipeline.Position
	// StrSpans map byte offsets of Str to file positions.
	StrSpans []exchange.Span
}

// HasFlag reports whether the entry carries a "#," flag.
func (e *Entry) HasFlag(flag string) bool {
	for _, f := range e.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// Parse reads a PO file's entries, obsolete ("#~") entries left out. It
// reports every syntax error, each at its line and column, skipping to
// the next entry after one; the entries it returns are the good ones.
func Parse(name string, data []byte) ([]*Entry, error) {
	p := &parser{name: name}
	if off := pipeline.InvalidUTF8(data); off >= 0 {
		line, col := pipeline.LineCol(data, off)
		return nil, pipeline.ErrorList{p.at(line, col, "invalid UTF-8 (byte offset %d): save the file as UTF-8", off)}
	}
	p.lines = strings.Split(strings.TrimPrefix(string(data), "\uFEFF"), "\n")
	p.run()
	return p.entries, p.errs.Err()
}

type parser struct {
	name    string
	lines   []string
	entries []*Entry
	errs    pipeline.ErrorList
	cur     *Entry
	// field is where continuation strings go; spans with it when it is
	// the msgstr.
	field *string
	spans *[]exchange.Span
	// stage orders the keywords of an entry: 0 comments, 1 msgctxt,
	// 2 msgid, 3 msgid_plural, 4 msgstr.
	stage   int
	skip    bool // after an error, until the next entry
	prevKey string
}

func (p *parser) at(line, col int, format string, args ...any) *pipeline.Error {
	return &pipeline.Error{Pos: pipeline.Position{File: p.name, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) fail(line, col int, format string, args ...any) {
	p.errs = append(p.errs, p.at(line, col, format, args...))
	p.skip = true
}

func (p *parser) finish(line int) {
	if p.cur != nil && !p.skip {
		if p.stage < 4 {
			p.errs = append(p.errs, &pipeline.Error{Pos: p.cur.Pos, Msg: "entry has no msgstr"})
		} else {
			p.entries = append(p.entries, p.cur)
		}
	}
	p.cur, p.field, p.spans, p.stage, p.skip, p.prevKey = nil, nil, nil, 0, false, ""
}

func (p *parser) entry(line int) *Entry {
	if p.cur == nil {
		p.cur = &Entry{Pos: pipeline.Position{File: p.name, Line: line, Col: 1}}
	}
	return p.cur
}

func (p *parser) run() {
	for i, raw := range p.lines {
		n := i + 1
		line := strings.TrimSuffix(raw, "\r")
		trimmed := strings.TrimLeft(line, " \t")
		indent := len(line) - len(trimmed)
		switch {
		case trimmed == "":
			p.finish(n)
			continue
		case strings.HasPrefix(trimmed, "#~"):
			continue // obsolete entry: gettext keeps it for reuse, quipu has its own
		}
		if p.skip {
			continue
		}
		if strings.HasPrefix(trimmed, "#") {
			p.comment(n, indent, trimmed)
			continue
		}
		p.keyword(n, indent, trimmed)
	}
	p.finish(len(p.lines))
}

func (p *parser) comment(n, indent int, s string) {
	if p.stage > 1 {
		// A comment after the strings starts the next entry, as gettext
		// reads entries not separated by a blank line.
		p.finish(n)
	}
	e := p.entry(n)
	body := func(k int) string { return strings.TrimPrefix(s[k:], " ") }
	switch {
	case strings.HasPrefix(s, "#."):
		e.Extracted = append(e.Extracted, body(2))
	case strings.HasPrefix(s, "#:"):
		e.References = append(e.References, body(2))
	case strings.HasPrefix(s, "#,"):
		for _, f := range strings.Split(s[2:], ",") {
			if f = strings.TrimSpace(f); f != "" {
				e.Flags = append(e.Flags, f)
			}
		}
	case strings.HasPrefix(s, "#|"):
		rest := strings.TrimLeft(s[2:], " ")
		col := indent + len(s) - len(rest) + 1
		key, str, _ := strings.Cut(rest, " ")
		switch {
		case strings.HasPrefix(rest, `"`):
			if p.prevKey == "" {
				p.fail(n, col, "continuation string after no #| keyword")
				return
			}
			if p.prevKey == "msgid" {
				p.str(n, col, rest, &e.PrevMsgid, nil)
			}
		case key == "msgid" || key == "msgctxt" || key == "msgid_plural":
			p.prevKey = key
			var sink string
			target := &sink
			if key == "msgid" {
				target = &e.PrevMsgid
			}
			p.str(n, col+len(key)+1, strings.TrimLeft(str, " "), target, nil)
		default:
			p.fail(n, col, "unknown previous-string line %q", s)
		}
	default:
		e.Comments = append(e.Comments, body(1))
	}
}

func (p *parser) keyword(n, indent int, s string) {
	col := indent + 1
	if strings.HasPrefix(s, `"`) {
		if p.field == nil {
			p.fail(n, col, "string with no keyword before it")
			return
		}
		p.str(n, col, s, p.field, p.spans)
		return
	}
	key, rest, _ := strings.Cut(s, " ")
	if i := strings.IndexByte(key, '\t'); i >= 0 {
		key, rest = key[:i], key[i+1:]+" "+rest
	}
	strCol := col + len(s) - len(strings.TrimLeft(rest, " \t"))
	rest = strings.TrimLeft(rest, " \t")
	stage, order := 0, ""
	switch {
	case key == "msgctxt":
		stage, order = 1, "msgctxt must come before msgid"
	case key == "msgid":
		stage, order = 2, "msgid must come once, before msgstr"
	case key == "msgid_plural":
		stage, order = 3, "msgid_plural must follow msgid"
	case key == "msgstr" || strings.HasPrefix(key, "msgstr["):
		stage, order = 4, "msgstr must follow msgid"
	default:
		p.fail(n, col, "unknown keyword %q (want msgctxt, msgid, msgid_plural or msgstr)", key)
		return
	}
	if p.stage == 4 && stage < 4 && p.cur != nil {
		// The next entry, without a blank line between.
		p.finish(n)
	}
	valid := false
	switch stage {
	case 1:
		valid = p.stage == 0
	case 2:
		valid = p.stage <= 1
	case 3:
		valid = p.stage == 2
	case 4:
		valid = p.stage == 2 || p.stage == 3 || p.stage == 4 && key != "msgstr" && p.cur.HasPlural
	}
	if !valid {
		p.fail(n, col, "%s", order)
		return
	}
	e := p.entry(n)
	p.stage = stage
	p.spans = nil
	switch stage {
	case 1:
		e.HasContext, e.ContextPos = true, pipeline.Position{File: p.name, Line: n, Col: col}
		p.field = &e.Context
	case 2:
		p.field = &e.ID
	case 3:
		e.HasPlural = true
		p.field = &e.IDPlural
	case 4:
		if key == "msgstr" {
			if e.HasPlural {
				p.fail(n, col, "an entry with msgid_plural needs msgstr[0], msgstr[1]…")
				return
			}
			e.StrPos = pipeline.Position{File: p.name, Line: n, Col: col}
			p.field, p.spans = &e.Str, &e.StrSpans
			break
		}
		idx, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(key, "msgstr["), "]"))
		if err != nil || !strings.HasSuffix(key, "]") || idx != len(e.StrPlural) || !e.HasPlural {
			p.fail(n, col, "unexpected %s", key)
			return
		}
		e.StrPlural = append(e.StrPlural, "")
		p.field = &e.StrPlural[idx]
	}
	p.str(n, strCol, rest, p.field, p.spans)
}

// str reads one quoted string that starts at column col of line n and
// appends its value to dst, recording spans of where its bytes came from.
func (p *parser) str(n, col int, s string, dst *string, spans *[]exchange.Span) {
	if !strings.HasPrefix(s, `"`) {
		p.fail(n, col, "want a quoted string")
		return
	}
	var b strings.Builder
	b.WriteString(*dst)
	mark := func(i int) {
		if spans != nil {
			*spans = append(*spans, exchange.Span{Off: b.Len(), Pos: pipeline.Position{File: p.name, Line: n, Col: col + i}})
		}
	}
	mark(1)
	i := 1
	for {
		if i >= len(s) {
			p.fail(n, col, "string not closed with \"")
			return
		}
		c := s[i]
		if c == '"' {
			break
		}
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(s) {
			p.fail(n, col+i, "string not closed with \"")
			return
		}
		esc := s[i+1]
		size := 2
		switch esc {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(esc)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x':
			j := i + 2
			for j < len(s) && j < i+4 && isHex(s[j]) {
				j++
			}
			if j == i+2 {
				p.fail(n, col+i, `\x needs hex digits`)
				return
			}
			v, _ := strconv.ParseUint(s[i+2:j], 16, 8)
			b.WriteByte(byte(v))
			size = j - i
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i + 1
			for j < len(s) && j < i+4 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i+1:j], 8, 16)
			if v > 0xff {
				p.fail(n, col+i, "octal escape %s is more than a byte", s[i:j])
				return
			}
			b.WriteByte(byte(v))
			size = j - i
		default:
			p.fail(n, col+i, "unknown escape \\%c", esc)
			return
		}
		i += size
		mark(i)
	}
	if rest := strings.TrimSpace(s[i+1:]); rest != "" {
		p.fail(n, col+i+1+strings.Index(s[i+1:], rest), "unexpected %q after the string", rest)
		return
	}
	if !utf8.ValidString(b.String()) {
		p.fail(n, col, "escapes make invalid UTF-8")
		return
	}
	*dst = b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
