package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Version fingerprints a message as a translator sees it (its text and
// state), so a writer can tell that it changed since it was read.
func Version(m *Message) string {
	h := sha256.New()
	if m != nil {
		h.Write([]byte(m.Other))
		h.Write([]byte{0})
		h.Write([]byte(m.State))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// ErrNoMessage is the error of an edit of a message the file does not have.
var ErrNoMessage = errors.New("no such message")

// SetMessage returns data, a message file, with the message written as id
// (its table key) given the translation other and the state: only its
// "other" value and its "#," flag line change, every other byte stays as
// the translator left it. The untranslated state removes the flag line.
func SetMessage(data []byte, id, other string, state State) ([]byte, error) {
	f, err := Parse("", data)
	if err != nil {
		return nil, err
	}
	var m *Message
	for _, x := range f.Messages {
		if f.WrittenID(x) == id {
			m = x
		}
	}
	if m == nil {
		return nil, ErrNoMessage
	}
	// The message's span: from the end of the previous expression to the
	// end of its own keys; its flag line is among the comments before its
	// header (or its key, in the short form).
	p := &unstable.Parser{KeepComments: true}
	p.Reset(data)
	var (
		flag        unstable.Range // the "#," comment before the header
		hasFlag     bool
		pendingFlag unstable.Range
		pendingHas  bool
		header      = -1 // offset of the message's header
		value       unstable.Range
		hasValue    bool
		inMessage   bool
	)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Comment:
			if strings.HasPrefix(strings.TrimPrefix(string(e.Data), "#"), ",") {
				pendingFlag, pendingHas = p.Range(e.Data), true
			}
		case unstable.Table, unstable.ArrayTable:
			parts, first := keyParts(e)
			inMessage = strings.Join(parts, ".") == id
			if inMessage {
				header, flag, hasFlag = int(first.Raw.Offset), pendingFlag, pendingHas
			}
			pendingHas = false
		case unstable.KeyValue:
			parts, first := keyParts(e)
			key := strings.Join(parts, ".")
			switch {
			case !inMessage && header < 0 && key == id:
				// go-i18n's short form: id = "translation".
				header, flag, hasFlag = int(first.Raw.Offset), pendingFlag, pendingHas
				value, hasValue = e.Value().Raw, true
			case inMessage && strings.EqualFold(key, "other"):
				value, hasValue = e.Value().Raw, true
			}
			pendingHas = false
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	if header < 0 || !hasValue {
		return nil, ErrNoMessage
	}
	vs, ve := int(value.Offset), int(value.Offset+value.Length)
	// The flag line, or where one goes: the start of the header's line.
	fs, fe := lineStart(data, header), lineStart(data, header)
	if hasFlag {
		fs, fe = int(flag.Offset), int(flag.Offset+flag.Length)
		if fe < len(data) && data[fe] == '\r' {
			fe++
		}
		if fe < len(data) && data[fe] == '\n' {
			fe++
		}
	}
	var line string
	if state != Untranslated {
		line = "#, " + string(state) + newline(data)
	}
	var out bytes.Buffer
	out.Grow(len(data) + len(other))
	out.Write(data[:fs])
	out.WriteString(line)
	out.Write(data[fe:vs])
	out.WriteString(Quote(other))
	out.Write(data[ve:])
	return out.Bytes(), nil
}

func lineStart(data []byte, off int) int {
	return bytes.LastIndexByte(data[:off], '\n') + 1
}

// newline is the file's line ending, kept in the line written.
func newline(data []byte) string {
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}
