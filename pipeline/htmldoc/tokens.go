package htmldoc

import (
	"bytes"

	"golang.org/x/net/html"
)

// token is one token of x/net/html's tokenizer with the byte range it
// covers in the source. Consecutive tokens partition the source, so the
// bytes between the segments can be copied exactly.
type token struct {
	typ        html.TokenType
	start, end int
	name       string // lower-cased tag name
	attrs      []attr // start tags only
	ranged     bool   // the attributes' value ranges are known
	text       string // decoded text of text tokens
	nameEnd    int    // offset just past the tag name in the source
}

// attr is an attribute of a start tag with the byte range of its raw value.
type attr struct {
	key          string // lower-cased
	val          string // decoded
	vstart, vend int    // raw value bytes, without quotes
	quote        byte   // '"', '\'' or 0 for an unquoted or missing value
}

// tokenize splits src into tokens. Bytes after the last token (an
// unfinished tag at the end of the file) belong to no token.
func tokenize(src []byte) []token {
	z := html.NewTokenizer(bytes.NewReader(src))
	var toks []token
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return toks
		}
		n := len(z.Raw()) // read before Token, which may rewrite the buffer
		t := token{typ: tt, start: off, end: off + n}
		off += n
		switch tt {
		case html.TextToken:
			t.text = string(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tk := z.Token()
			t.name = tk.Data
			if tt != html.EndTagToken {
				t.attrs, t.nameEnd = lexAttrs(src, t.start, t.end, tk.Attr)
				t.ranged = t.attrs != nil || len(tk.Attr) == 0
				if !t.ranged {
					for _, a := range tk.Attr {
						t.attrs = append(t.attrs, attr{key: a.Key, val: a.Val, vstart: -1, vend: -1})
					}
				}
			}
		}
		toks = append(toks, t)
	}
}

// lexAttrs finds the raw value ranges of a start tag's attributes, reading
// the tag the way x/net/html's tokenizer does. The tokenizer does not report
// where values lie; if this reading disagrees with its attributes, nil is
// returned and the tag's attributes are left alone.
func lexAttrs(src []byte, start, end int, want []html.Attribute) ([]attr, int) {
	b := src[:end]
	i := start + 1
	for i < end && !isSpace(b[i]) && b[i] != '/' && b[i] != '>' {
		i++
	}
	nameEnd := i
	var got []attr
	seen := map[string]bool{}
	i = skipSpace(b, i)
	for i < end && b[i] != '>' {
		ks := i
		for i < end {
			c := b[i]
			if c == '=' && i == ks {
				i++ // an "=" before the name begins is part of the name
				continue
			}
			if isSpace(c) || c == '/' || c == '>' || c == '=' {
				break
			}
			i++
		}
		key := string(bytes.ToLower(b[ks:i]))
		a := attr{key: key, vstart: i, vend: i}
		i = skipSpace(b, i)
		if i < end {
			c := b[i]
			i++
			switch c {
			case '/':
				// A solidus after the name ends the attribute.
			case '=':
				i = skipSpace(b, i)
				if i >= end || b[i] == '>' {
					break
				}
				if q := b[i]; q == '"' || q == '\'' {
					a.quote = q
					a.vstart = i + 1
					k := bytes.IndexByte(b[i+1:end], q)
					if k < 0 {
						return nil, nameEnd
					}
					a.vend = i + 1 + k
					i = a.vend + 1
					break
				}
				a.vstart = i
				for i < end && !isSpace(b[i]) && b[i] != '>' {
					i++
				}
				a.vend = i
			default:
				i--
			}
		}
		if key != "" && !seen[key] {
			seen[key] = true
			got = append(got, a)
		}
		i = skipSpace(b, i)
		if i == ks {
			return nil, nameEnd // no progress: the reading went wrong
		}
	}
	if len(got) != len(want) {
		return nil, nameEnd
	}
	for k := range got {
		if got[k].key != want[k].Key {
			return nil, nameEnd
		}
		got[k].val = want[k].Val
	}
	return got, nameEnd
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// isSpace reports HTML's ASCII whitespace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func (t *token) attr(key string) (attr, bool) {
	for _, a := range t.attrs {
		if a.key == key {
			return a, true
		}
	}
	return attr{}, false
}
