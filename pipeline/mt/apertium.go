package mt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Apertium runs the Apertium rule-based engine installed on this machine
// (Debian's apertium and apertium-eng-spa), offline, in its HTML mode,
// which keeps the protected tags in place.
type Apertium struct {
	// Pair is the language pair ("eng-spa").
	Pair string
	// Timeout bounds one run (a batch); zero means a minute.
	Timeout time.Duration
}

var _ Engine = (*Apertium)(nil)

// NewApertium returns the engine for a source and target locale, its
// pair named from their ISO 639-3 codes (en, es-PE: eng-spa).
func NewApertium(source, target string) (*Apertium, error) {
	code := func(tag string) (string, error) {
		t, err := language.Parse(tag)
		if err != nil {
			return "", err
		}
		b, _ := t.Base()
		return b.ISO3(), nil
	}
	src, err := code(source)
	if err != nil {
		return nil, err
	}
	tgt, err := code(target)
	if err != nil {
		return nil, err
	}
	return &Apertium{Pair: src + "-" + tgt}, nil
}

// Name is the engine and its pair.
func (a *Apertium) Name() string { return "apertium " + a.Pair }

// Installed reports whether the apertium program is on the PATH.
func Installed() bool {
	_, err := exec.LookPath("apertium")
	return err == nil
}

// separator parts the segments of one run: a block element, which
// Apertium keeps and never translates across, numbered so that a lost or
// moved one is noticed.
var separator = regexp.MustCompile(`\n?<hr class=q(\d+)>\n?`)

// Translate runs apertium once for all the segments.
func (a *Apertium) Translate(ctx context.Context, segs []string) ([]string, error) {
	if !Installed() {
		return nil, errors.New("apertium is not installed (on Debian: apt install apertium-" + a.Pair + ")")
	}
	var in bytes.Buffer
	for i, s := range segs {
		fmt.Fprintf(&in, "%s\n<hr class=q%d>\n", s, i)
	}
	// Without -u: Apertium marks unknown words with "*", which split
	// takes off, and words it could not generate with "#", which stay
	// for Flag to see.
	out, err := run(ctx, a.Name(), a.Timeout, in.Bytes(), "apertium", "-f", "html-noent", a.Pair)
	if err != nil {
		return nil, err
	}
	res, err := split(a.Name(), string(out), len(segs))
	if err != nil {
		return nil, err
	}
	for i := range res {
		res[i] = unmarkUnknown(segs[i], res[i])
	}
	return res, nil
}

// markRE finds the marks Apertium puts on a word: "*" unknown (left
// untranslated), "#" a word it could not generate, "@" one its transfer
// failed on.
var markRE = regexp.MustCompile(`([*#@])(\p{L}[\p{L}\p{N}_-]*)`)

// unmarkUnknown takes off the "*" of unknown words and the "@" of words
// a transfer rule missed, both left as written (a name, a term), as
// Apertium's -u does, unless the source itself wrote the mark.
func unmarkUnknown(src, out string) string {
	return markRE.ReplaceAllStringFunc(out, func(m string) string {
		if m[0] == '#' || strings.Contains(src, m) {
			return m
		}
		return m[1:]
	})
}

// Flag says why a draft of source is not to be kept ("" when it is):
// a word marked "#", which Apertium failed to generate, is a garbled
// form ("#Prpers") that would pass for a word once the mark is gone.
func (a *Apertium) Flag(source, draft string) string {
	for _, m := range markRE.FindAllString(draft, -1) {
		if m[0] == '#' && !strings.Contains(source, m) {
			return fmt.Sprintf("%s marked %s as a word it could not generate", a.Name(), m)
		}
	}
	return ""
}

// split cuts apertium's output at the separators, which must all come
// back, in order.
func split(name, out string, n int) ([]string, error) {
	locs := separator.FindAllStringSubmatchIndex(out, -1)
	if len(locs) != n {
		return nil, fmt.Errorf("%s returned %d segments for %d", name, len(locs), n)
	}
	res := make([]string, n)
	last := 0
	for i, m := range locs {
		if k, _ := strconv.Atoi(out[m[2]:m[3]]); k != i {
			return nil, fmt.Errorf("%s returned segment %d where %d was expected", name, k, i)
		}
		res[i] = out[last:m[0]]
		last = m[1]
	}
	return res, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
