package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// maxBody bounds a request's body: a message is a few hundred bytes.
const maxBody = 1 << 20

// strictJSON decodes data, one JSON object of known fields, into v. It
// refuses what encoding/json lets through and a translator would lose
// silently: trailing data after the object, a key given twice (the
// last would win), invalid UTF-8 or a lone surrogate escape (both would
// be saved as U+FFFD).
func strictJSON(data []byte, v any) error {
	if !utf8.Valid(data) {
		return errors.New("invalid UTF-8")
	}
	if err := loneSurrogate(data); err != nil {
		return err
	}
	if err := duplicateKey(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the object")
	}
	return nil
}

// loneSurrogate finds a \uD800–\uDFFF escape that is not half of a pair.
func loneSurrogate(data []byte) error {
	hex := func(i int) (rune, bool) {
		if i+6 > len(data) || data[i] != '\\' || data[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 16)
		return rune(n), err == nil
	}
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' {
			continue
		}
		r, ok := hex(i)
		if !ok {
			i++ // an escape of one character, maybe a backslash
			continue
		}
		switch {
		case 0xD800 <= r && r < 0xDC00:
			if lo, ok := hex(i + 6); ok && 0xDC00 <= lo && lo < 0xE000 {
				i += 11
				continue
			}
			return fmt.Errorf("lone surrogate \\u%04x", r)
		case 0xDC00 <= r && r < 0xE000:
			return fmt.Errorf("lone surrogate \\u%04x", r)
		}
		i += 5
	}
	return nil
}

// duplicateKey finds a key the top-level object gives twice (as
// encoding/json matches them: regardless of case).
func duplicateKey(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil // not an object: Decode says why
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		k, _ := t.(string)
		if seen[strings.ToLower(k)] {
			return fmt.Errorf("key %q given twice", k)
		}
		seen[strings.ToLower(k)] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil
		}
	}
	return nil
}

// outside reports an error of a file that leads outside the project or
// is no regular file.
func outside(err error) bool {
	var esc *workspace.EscapeError
	var nr *workspace.NotRegularError
	return errors.As(err, &esc) || errors.As(err, &nr)
}
