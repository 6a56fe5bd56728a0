package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// maxDepth bounds the nesting of inline codes, so a hostile file cannot
// exhaust the stack.
const maxDepth = 64

// Decode reads an XLIFF 2.0 document: one Returned per <file>. It checks
// every unit and reports every problem it finds, each at its line and
// column; a malformed XML document stops at its first syntax error.
//
// Only the ids of inline codes are read from a target: the markup they
// stand for always comes from the source document, so an edited
// <originalData> cannot put markup into a page.
func Decode(name string, data []byte) ([]*exchange.Returned, error) {
	// A byte order mark, which some editors write, is not XML.
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("encoding %q is not supported: save the file as UTF-8", charset)
	}
	r := &reader{d: d, name: name}
	out, err := r.document()
	if err != nil {
		var se *xml.SyntaxError
		msg := err.Error()
		if errors.As(err, &se) {
			msg = "malformed XML: " + se.Msg
		}
		line, col := d.InputPos()
		r.errs = append(r.errs, &pipeline.Error{Pos: pipeline.Position{File: name, Line: line, Col: col}, Msg: msg})
	}
	return out, r.errs.Err()
}

type reader struct {
	d    *xml.Decoder
	name string
	pos  pipeline.Position // start of the last token read
	errs pipeline.ErrorList
}

func (r *reader) next() (xml.Token, error) {
	line, col := r.d.InputPos()
	r.pos = pipeline.Position{File: r.name, Line: line, Col: col}
	tok, err := r.d.Token()
	if err == nil {
		if cd, ok := tok.(xml.CharData); ok && !utf8.Valid(cd) {
			return nil, fmt.Errorf("invalid UTF-8")
		}
	}
	return tok, err
}

func (r *reader) errAt(pos pipeline.Position, format string, args ...any) {
	r.errs = append(r.errs, &pipeline.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// children calls fn for each child element of the element just read,
// and returns at its end tag. fn must consume the child up to its end.
func (r *reader) children(fn func(el xml.StartElement, pos pipeline.Position) error) error {
	for {
		tok, err := r.next()
		if err != nil {
			return eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t, r.pos); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func eof(err error) error {
	if err == io.EOF {
		return errors.New("malformed XML: unexpected end of file")
	}
	return err
}

func attrOf(el xml.StartElement, space, local string) (string, bool) {
	for _, a := range el.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

func (r *reader) document() ([]*exchange.Returned, error) {
	for {
		tok, err := r.next()
		if err == io.EOF {
			return nil, errors.New("no <xliff> element: not an XLIFF document")
		}
		if err != nil {
			return nil, err
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		pos := r.pos
		if el.Name.Local != "xliff" || el.Name.Space != Namespace {
			if el.Name.Local == "xliff" {
				r.errAt(pos, "XLIFF namespace %q is not supported: quipu reads XLIFF 2.0 (%s)", el.Name.Space, Namespace)
			} else {
				r.errAt(pos, "root element <%s> is not <xliff>: not an XLIFF 2.0 document", el.Name.Local)
			}
			return nil, nil
		}
		if v, _ := attrOf(el, "", "version"); !strings.HasPrefix(v, "2.") {
			r.errAt(pos, "XLIFF version %q is not supported: quipu reads XLIFF 2.0", v)
			return nil, nil
		}
		src, _ := attrOf(el, "", "srcLang")
		trg, ok := attrOf(el, "", "trgLang")
		if !ok || trg == "" {
			r.errAt(pos, "<xliff> has no trgLang: which locale are these translations for?")
		}
		var out []*exchange.Returned
		err = r.children(func(el xml.StartElement, pos pipeline.Position) error {
			if el.Name.Space != Namespace || el.Name.Local != "file" {
				return r.d.Skip()
			}
			f, err := r.file(el, pos)
			if f != nil {
				f.SourceLocale, f.Locale = src, trg
				out = append(out, f)
			}
			return err
		})
		if err != nil {
			return out, err
		}
		// Anything after the root must still be well-formed.
		for {
			if _, err := r.next(); err != nil {
				if err == io.EOF {
					return out, nil
				}
				return out, err
			}
		}
	}
}

func (r *reader) file(el xml.StartElement, pos pipeline.Position) (*exchange.Returned, error) {
	f := &exchange.Returned{Pos: pos}
	doc, ok := attrOf(el, "", "original")
	if !ok || doc == "" {
		r.errAt(pos, "<file> has no original attribute naming its document")
		f = nil
	} else {
		f.Document = doc
	}
	var walk func(el xml.StartElement, pos pipeline.Position) error
	walk = func(el xml.StartElement, pos pipeline.Position) error {
		if el.Name.Space != Namespace {
			return r.d.Skip()
		}
		switch el.Name.Local {
		case "group":
			return r.children(walk)
		case "unit":
			t, err := r.unit(el, pos)
			if t != nil && f != nil {
				f.Translations = append(f.Translations, t)
			}
			return err
		}
		return r.d.Skip()
	}
	return f, r.children(walk)
}

// segment is what one <segment> or <ignorable> of a unit holds.
type segment struct {
	ignorable bool
	rejected  bool // exported as a translation the build rejects
	state     catalog.State
	source    text
	target    *text
}

func (r *reader) unit(el xml.StartElement, pos pipeline.Position) (*exchange.Translation, error) {
	id, ok := attrOf(el, "", "id")
	if !ok || id == "" {
		r.errAt(pos, "<unit> has no id")
	}
	base, _ := attrOf(el, QuipuNamespace, "base")
	t := &exchange.Translation{ID: id, Base: base, Pos: pos}
	var segs []*segment
	nerrs := len(r.errs)
	err := r.children(func(el xml.StartElement, pos pipeline.Position) error {
		if el.Name.Space != Namespace || (el.Name.Local != "segment" && el.Name.Local != "ignorable") {
			return r.d.Skip() // notes, originalData, extensions
		}
		s := &segment{ignorable: el.Name.Local == "ignorable"}
		if !s.ignorable {
			st, _ := attrOf(el, "", "state")
			sub, _ := attrOf(el, "", "subState")
			switch st {
			case "", "initial":
				s.state = catalog.Untranslated
				switch sub {
				case FuzzySubState:
					s.state = catalog.Stale
				case MachineSubState:
					s.state = catalog.Machine
				case AlignedSubState:
					s.state = catalog.Aligned
				}
				s.rejected = sub == RejectedSubState
			case "translated":
				s.state = catalog.Translated
			case "reviewed", "final":
				s.state = catalog.Reviewed
			default:
				r.errAt(pos, "unit %q: state %q is not an XLIFF 2.0 state (initial, translated, reviewed, final)", id, st)
			}
		}
		segs = append(segs, s)
		return r.children(func(el xml.StartElement, pos pipeline.Position) error {
			if el.Name.Space != Namespace {
				return r.d.Skip()
			}
			switch el.Name.Local {
			case "source":
				s.source = text{}
				return r.inline(&s.source, id, 0)
			case "target":
				s.target = &text{pos: pos}
				return r.inline(s.target, id, 0)
			}
			return r.d.Skip()
		})
	})
	if err != nil || len(r.errs) > nerrs || id == "" {
		return nil, err
	}
	return r.join(t, segs), nil
}

// join puts a unit's segments back together, as tools may split one.
func (r *reader) join(t *exchange.Translation, segs []*segment) *exchange.Translation {
	var all text
	state := catalog.Reviewed
	targets, missing := 0, 0
	for _, s := range segs {
		if !s.ignorable {
			if s.target != nil && len(s.target.buf) > 0 {
				targets++
			} else {
				missing++
			}
			state = lower(state, s.state)
		}
	}
	if targets == 0 {
		t.State = catalog.Untranslated
		return t
	}
	if missing > 0 {
		r.errAt(t.Pos, "unit %q: %d of its %d segments have no target", t.ID, missing, targets+missing)
		return nil
	}
	for _, s := range segs {
		part := s.target
		if part == nil {
			part = &s.source
		}
		all.append(part)
	}
	// Source ids tell which codes a target may use.
	ids := map[int]bool{}
	for _, s := range segs {
		for n := range s.source.ids {
			ids[n] = true
		}
	}
	bad := false
	for _, tag := range all.tags {
		if !ids[tag.n] {
			r.errAt(tag.pos, "unit %q: target code id %q is not in the source", t.ID, strconv.Itoa(tag.n))
			bad = true
		}
	}
	// A rejected translation went out with the tags no inline code could
	// carry written as text: read back, they are the tags typed, which the
	// merge checks (and leaves be if the text is unchanged).
	rejected := slices.ContainsFunc(segs, func(s *segment) bool { return s.rejected })
	s := string(all.buf)
	for _, tok := range placeholder.Parse(s) {
		if tok.Kind != placeholder.Text && !all.isTag[tok.Offset] && !rejected {
			r.errAt(all.posAt(tok.Offset), "unit %q: the text %q would read as a tag: use the tool's inline codes for markup", t.ID, tok.Text)
			bad = true
		}
	}
	if bad {
		return nil
	}
	t.Text, t.State, t.Spans = s, state, all.spans
	return t
}

var rank = map[catalog.State]int{catalog.Untranslated: 0, catalog.Stale: 1, catalog.Machine: 1, catalog.Aligned: 1, catalog.Translated: 2, catalog.Reviewed: 3}

func lower(a, b catalog.State) catalog.State {
	if rank[b] < rank[a] {
		return b
	}
	return a
}
