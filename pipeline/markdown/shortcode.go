package markdown

import (
	"bytes"
	"strings"
)

// shortcodeInfo is a Hugo shortcode as Hugo's own lexer reads it, before
// any Markdown: "{{< name args >}}" or "{{% name args %}}", a closing
// "{{< /name >}}", a self-closing "{{< name />}}", or a commented-out
// "{{</* name */>}}", which Hugo writes as is.
type shortcodeInfo struct {
	end     int    // offset just past the closing ">}}" or "%}}"
	name    string // "" for a comment
	closing bool
	self    bool
	percent bool // {{% … %}}: the inner text is Markdown for Hugo
	params  []scParam
}

// scParam is one argument of a shortcode: positional (key "") or named.
type scParam struct {
	key         string
	start, stop int  // the value, without its quotes
	quoted      bool // in double quotes
}

// maxShortcode bounds how far a shortcode is looked for, so that text full
// of "{{<" costs linear time.
const maxShortcode = 4096

// scanShortcode reads the shortcode starting at src[i], which must be
// "{{<" or "{{%". Arguments may span lines, as Hugo allows; a quoted
// value may not, and "\"" in it is an escaped quote.
func scanShortcode(src []byte, i int) (shortcodeInfo, bool) {
	var sc shortcodeInfo
	if i+3 > len(src) || src[i] != '{' || src[i+1] != '{' || (src[i+2] != '<' && src[i+2] != '%') {
		return sc, false
	}
	sc.percent = src[i+2] == '%'
	closer := ">}}"
	if sc.percent {
		closer = "%}}"
	}
	limit := min(len(src), i+maxShortcode)
	k := skipBlank(src, i+3, limit)
	if bytes.HasPrefix(src[k:limit], []byte("/*")) {
		// {{</* figure */>}}: Hugo prints it without running it.
		e := bytes.Index(src[k:limit], []byte("*/"+closer))
		if e < 0 {
			return sc, false
		}
		sc.end = k + e + 2 + len(closer)
		return sc, true
	}
	if k < limit && src[k] == '/' {
		sc.closing = true
		k = skipBlank(src, k+1, limit)
	}
	n := k
	for n < limit && isNameByte(src[n]) {
		n++
	}
	if n == k {
		return sc, false
	}
	sc.name = string(src[k:n])
	k = n
	for {
		p := skipBlank(src, k, limit)
		switch {
		case bytes.HasPrefix(src[p:limit], []byte(closer)):
			sc.end = p + len(closer)
			return sc, true
		case p < limit && src[p] == '/' && bytes.HasPrefix(src[p+1:limit], []byte(closer)):
			sc.self = true
			sc.end = p + 1 + len(closer)
			return sc, true
		case p == k || sc.closing:
			return sc, false // arguments are separated by blanks; a closing tag has none
		}
		par, next, ok := scanParam(src, p, limit)
		if !ok {
			return sc, false
		}
		sc.params = append(sc.params, par)
		k = next
	}
}

// scanParam reads one argument at p: key=value or a value, quoted with
// "…" (one line, \" escaped) or `…` (raw), or bare.
func scanParam(src []byte, p, limit int) (scParam, int, bool) {
	var par scParam
	k := p
	for k < limit && isNameByte(src[k]) {
		k++
	}
	if k > p && k < limit && src[k] == '=' {
		par.key = string(src[p:k])
		p = k + 1
	}
	if p >= limit {
		return par, 0, false
	}
	switch q := src[p]; q {
	case '"', '`':
		for k = p + 1; k < limit; k++ {
			c := src[k]
			if q == '"' && c == '\\' && k+1 < limit && src[k+1] == '"' {
				k++
				continue
			}
			if q == '"' && (c == '\n' || c == '\r') {
				return par, 0, false
			}
			if c == q {
				// Only "…" is a text argument: `…` is raw, for code.
				par.start, par.stop, par.quoted = p+1, k, q == '"'
				return par, k + 1, true
			}
		}
		return par, 0, false
	}
	for k = p; k < limit && !isBlank(src[k]) && src[k] != '"' && src[k] != '`'; k++ {
		if bytes.HasPrefix(src[k:limit], []byte(">}}")) || bytes.HasPrefix(src[k:limit], []byte("%}}")) ||
			bytes.HasPrefix(src[k:limit], []byte("/>}}")) || bytes.HasPrefix(src[k:limit], []byte("/%}}")) {
			break
		}
	}
	if k == p {
		return par, 0, false
	}
	par.start, par.stop = p, k
	return par, k, true
}

func skipBlank(src []byte, k, limit int) int {
	for k < limit && isBlank(src[k]) {
		k++
	}
	return k
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/'
}

// textParams are the shortcode arguments whose values readers see: each is
// a segment of its own, whatever shortcode carries it.
var textParams = map[string]bool{"title": true, "alt": true, "caption": true}

// linkShortcodes resolve a page per language, so they stay markup whole.
var linkShortcodes = map[string]bool{"ref": true, "relref": true}

// translatedParams returns the arguments of sc that are segments.
func (sc shortcodeInfo) translatedParams() []scParam {
	if sc.closing || linkShortcodes[sc.name] {
		return nil
	}
	var out []scParam
	for _, p := range sc.params {
		if p.quoted && textParams[p.key] && p.stop > p.start {
			out = append(out, p)
		}
	}
	return out
}

// shape describes the shortcode without the values of its text
// arguments: what a translation must not change.
func (sc shortcodeInfo) shape(src []byte) string {
	var b strings.Builder
	b.WriteString("Shortcode(")
	if sc.percent {
		b.WriteString("% ")
	}
	if sc.closing {
		b.WriteByte('/')
	}
	b.WriteString(sc.name)
	for _, p := range sc.params {
		b.WriteByte(' ')
		b.WriteString(p.key)
		b.WriteByte('=')
		if !(p.quoted && textParams[p.key]) {
			b.Write(src[p.start:p.stop])
		}
	}
	if sc.self {
		b.WriteString(" /")
	}
	if sc.name == "" && sc.end > 0 {
		b.WriteString("comment")
	}
	b.WriteByte(')')
	return b.String()
}

// shortcodeParamAt reports whether a segment starting at start is the
// quoted value of a shortcode's argument: the quote before it opens no
// prose, and the last "{{<" or "{{%" before it is not yet closed.
func shortcodeParamAt(src []byte, start int) bool {
	if start == 0 || src[start-1] != '"' {
		return false
	}
	from := max(0, start-maxShortcode)
	w := src[from:start]
	open := max(bytes.LastIndex(w, []byte("{{<")), bytes.LastIndex(w, []byte("{{%")))
	if open < 0 {
		return false
	}
	sc, ok := scanShortcode(src, from+open)
	return ok && sc.end > start
}
