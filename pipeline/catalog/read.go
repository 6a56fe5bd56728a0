package catalog

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/tomlerr"
)

var messageKeys = map[string]bool{
	"description": true, "hash": true, "other": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true,
}

// Parse reads a message file. Errors carry the file, line and column.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path}
	errAt := func(line, col int, format string, args ...any) *pipeline.Error {
		return &pipeline.Error{Pos: pipeline.Position{File: path, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	if off := pipeline.InvalidUTF8(data); off >= 0 {
		return nil, pipeline.ErrorList{pipeline.ErrorAt(path, data, off, "invalid UTF-8 (byte offset %d)", off)}
	}
	p := &unstable.Parser{KeepComments: true}
	p.Reset(data)
	var errs pipeline.ErrorList
	var cur *Message
	var pending []string     // comment lines waiting for the next message
	seen := map[string]int{} // message IDs and their lines
	var keys keyTracker
	var table []string // the current table's key
	badTable := false  // its header was an error: its keys are not checked again
	// Positions come from a line index built once: the parser's own
	// Shape scans from the start of the file at every call, which made
	// reading a large file quadratic.
	var lineStarts []int
	for i, c := range data {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	pos := func(r unstable.Range) (int, int) {
		off := int(r.Offset)
		line := sort.SearchInts(lineStarts, off+1) // lines starting at or before off, less the first
		start := 0
		if line > 0 {
			start = lineStarts[line-1]
		}
		return line + 1, off - start + 1
	}
	sawOther := false // the current message has an other key, of any type
	flush := func() {
		if cur != nil {
			if !sawOther {
				// go-i18n would load it as a message with no text at all.
				errs = append(errs, errAt(cur.Line, cur.Col, "message %q has no other (write other = \"\" while it is untranslated)", cur.ID))
			}
			f.Messages = append(f.Messages, cur)
		}
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Comment:
			pending = append(pending, string(e.Data))
		case unstable.Table, unstable.ArrayTable:
			flush()
			parts, first := keyParts(e)
			line, col := pos(first.Raw)
			cur = &Message{ID: strings.Join(parts, "."), Line: line, Col: col}
			sawOther = false
			if reservedID(cur.ID) {
				errs = append(errs, errAt(line, col, "message ID %q is a key go-i18n reserves: it would read the message as part of another", cur.ID))
			}
			table = parts
			msg := keys.table(parts)
			badTable = msg != ""
			if badTable {
				errs = append(errs, errAt(line, col, "%s", msg))
			} else if at, dup := seen[cur.ID]; dup {
				// [a.b] and ["a.b"] are two TOML tables but one message ID,
				// for go-i18n as for quipu.
				errs = append(errs, errAt(line, col, "message %q is defined twice (first at line %d)", cur.ID, at))
			}
			seen[cur.ID] = line
			if e.Kind == unstable.ArrayTable {
				errs = append(errs, errAt(line, col, "[[%s]] is an array of tables; a message is a table [%s]", cur.ID, cur.ID))
			}
			applyComments(cur, pending)
			pending = nil
		case unstable.KeyValue:
			parts, first := keyParts(e)
			key := strings.Join(parts, ".")
			line, col := pos(first.Raw)
			v := e.Value()
			if msg := keys.value(table, parts); msg != "" && !badTable {
				errs = append(errs, errAt(line, col, "%s", msg))
				continue
			}
			if cur == nil {
				// go-i18n's short form: id = "translation".
				if v.Kind != unstable.String {
					errs = append(errs, errAt(line, col, "message %q must be a string or a table", key))
					continue
				}
				if at, dup := seen[key]; dup {
					errs = append(errs, errAt(line, col, "message %q is defined twice (first at line %d)", key, at))
				}
				seen[key] = line
				if reservedID(key) {
					errs = append(errs, errAt(line, col, "message ID %q is a key go-i18n reserves: it would read the message as part of another", key))
				}
				m := &Message{ID: key, Other: string(v.Data), Line: line, Col: col, OtherLine: line, OtherCol: col, Order: []string{"other"}}
				applyComments(m, pending)
				pending = nil
				f.Messages = append(f.Messages, m)
				continue
			}
			lk := strings.ToLower(key)
			if lk == "other" {
				sawOther = true
			}
			if !messageKeys[lk] {
				errs = append(errs, errAt(line, col, "unknown key %q in message %q (go-i18n allows description, hash, other, leftdelim, rightdelim and plural forms)", key, cur.ID))
				continue
			}
			if v.Kind != unstable.String {
				errs = append(errs, errAt(line, col, "%s of message %q must be a string, not %s", key, cur.ID, v.Kind))
				continue
			}
			val := string(v.Data)
			if slices.Contains(cur.Order, lk) {
				errs = append(errs, errAt(line, col, "%s of message %q is defined twice", key, cur.ID))
				continue
			}
			cur.Order = append(cur.Order, lk)
			switch lk {
			case "description":
				cur.Description = val
			case "hash":
				cur.Hash = val
			case "other":
				cur.Other = val
				cur.OtherLine, cur.OtherCol = pos(v.Raw)
			case "leftdelim":
				cur.LeftDelim = val
			case "rightdelim":
				cur.RightDelim = val
			default:
				errs = append(errs, errAt(line, col, "plural form %q in message %q: document segments are never plural", key, cur.ID))
			}
			if len(pending) > 0 {
				cur.Comments = append(cur.Comments, translatorComments(pending)...)
				pending = nil
			}
		}
	}
	if err := p.Error(); err != nil {
		var pe *unstable.ParserError
		if errors.As(err, &pe) {
			off := len(data) - len(pe.Highlight)
			if r := p.Range(pe.Highlight); int(r.Offset) <= len(data) {
				off = int(r.Offset)
			}
			msg, off := tomlerr.Syntax(data, off, pe.Message)
			line, col := pipeline.LineCol(data, off)
			return nil, append(errs, errAt(line, col, "%s", msg))
		}
		return nil, append(errs, errAt(1, 1, "%v", err))
	}
	flush()
	// IDs are written qualified by the document; messages hold them as
	// segments do. A file written before IDs were qualified has bare IDs,
	// read the same, so the next sync qualifies them and loses nothing.
	local := make(map[string]*Message, len(f.Messages))
	for _, m := range f.Messages {
		_, id := SplitID(m.ID)
		if first := local[id]; first != nil {
			if first.written != m.ID { // the same ID twice is reported above
				errs = append(errs, errAt(m.Line, m.Col, "message %q is message %q again (first at line %d): one segment, one message", m.ID, first.written, first.Line))
			}
			continue
		}
		m.written, m.ID = m.ID, id
		local[id] = m
	}
	return f, errs.Err()
}

// applyComments sorts the comment lines before a message: flags set its
// state, "#|" lines its previous source, "#." lines are the tool's own and
// are regenerated, and any
// other comment is the translator's and is kept.
func applyComments(m *Message, lines []string) {
	for _, c := range lines {
		body := strings.TrimPrefix(c, "#")
		switch {
		case strings.HasPrefix(body, ","):
			for _, flag := range strings.Split(body[1:], ",") {
				if st := State(strings.TrimSpace(flag)); flagRank[st] > flagRank[m.State] {
					m.State = st
				}
			}
		case strings.HasPrefix(body, "|"):
			line := strings.TrimPrefix(strings.TrimPrefix(body[1:], " "), "en: ")
			if m.Previous != "" {
				m.Previous += "\n"
			}
			m.Previous += strings.TrimPrefix(line, "   ")
		case strings.HasPrefix(body, ". en: "):
			m.Source = body[len(". en: "):]
		case strings.HasPrefix(body, ".     ") && m.Source != "":
			m.Source += "\n" + body[len(".     "):]
		case strings.HasPrefix(body, ". ") && provenance(m, body[2:]):
		case strings.HasPrefix(body, "."):
			// the tool's own notes: regenerated on every write
		default:
			m.Comments = append(m.Comments, body)
		}
	}
}

// provenance reads a draft's "#. machine: …" note into m.Provenance.
func provenance(m *Message, note string) bool {
	for _, prefix := range provenanceNotes {
		if rest, ok := strings.CutPrefix(note, prefix); ok {
			m.Provenance = rest
			return true
		}
	}
	return false
}

func translatorComments(lines []string) []string {
	var out []string
	for _, c := range lines {
		body := strings.TrimPrefix(c, "#")
		if !strings.HasPrefix(body, ".") && !strings.HasPrefix(body, ",") && !strings.HasPrefix(body, "|") {
			out = append(out, body)
		}
	}
	return out
}

// reservedID reports an ID that go-i18n takes for a field of a message
// rather than a message (any case).
func reservedID(id string) bool {
	switch strings.ToLower(id) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
		return true
	}
	return false
}

// keyParts returns the parts of a table header's or a key's dotted name
// and the node of the first, which locates it.
func keyParts(e *unstable.Node) (parts []string, first *unstable.Node) {
	it := e.Key()
	for it.Next() {
		if first == nil {
			first = it.Node()
		}
		parts = append(parts, string(it.Node().Data))
	}
	return parts, first
}
