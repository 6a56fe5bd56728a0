package siteinit

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	yast "github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/quipu-l10n/quipu/pipeline"
)

// A config file decoded into plain values, with the position of each
// key's value ("languages.es-pe.contentdir", "plugins[1]"), keys lower
// case since Hugo's are case-insensitive.
type decoded struct {
	file string
	data map[string]any
	at   map[string]pipeline.Position
}

// pos is where a key's value is, or the file's start when unknown.
func (d *decoded) pos(key string) pipeline.Position {
	if p, ok := d.at[strings.ToLower(key)]; ok {
		return p
	}
	return pipeline.Position{File: d.file, Line: 1, Col: 1}
}

// tablePos is where a table is named: its key, or the first of its keys
// when only dotted keys ("es.weight = 2") name it.
func (d *decoded) tablePos(key string) pipeline.Position {
	key = strings.ToLower(key)
	if p, ok := d.at[key]; ok {
		return p
	}
	var best pipeline.Position
	for k, p := range d.at {
		if strings.HasPrefix(k, key+".") && (best.Line == 0 || p.Line < best.Line || p.Line == best.Line && p.Col < best.Col) {
			best = p
		}
	}
	if best.Line > 0 {
		return best
	}
	return d.pos(key)
}

// errorf is an error at a key's value.
func (d *decoded) errorf(key, format string, args ...any) error {
	return &pipeline.Error{Pos: d.pos(key), Msg: fmt.Sprintf(format, args...)}
}

func decodeTOML(file string, src []byte) (*decoded, error) {
	d := &decoded{file: file, data: map[string]any{}, at: map[string]pipeline.Position{}}
	if err := toml.Unmarshal(src, &d.data); err != nil {
		var de *toml.DecodeError
		if e, ok := err.(*toml.DecodeError); ok {
			de = e
			line, col := de.Position()
			return nil, &pipeline.Error{Pos: pipeline.Position{File: file, Line: line, Col: col}, Msg: strings.TrimPrefix(de.Error(), "toml: ")}
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	p := &unstable.Parser{}
	p.Reset(src)
	var table []string
	keyOf := func(it unstable.Iterator) ([]string, int) {
		var parts []string
		off := -1
		for it.Next() {
			if off < 0 {
				off = int(it.Node().Raw.Offset)
			}
			parts = append(parts, strings.ToLower(string(it.Node().Data)))
		}
		return parts, off
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			var off int
			table, off = keyOf(e.Key())
			line, col := pipeline.LineCol(src, off)
			d.at[strings.Join(table, ".")] = pipeline.Position{File: file, Line: line, Col: col}
		case unstable.KeyValue:
			parts, _ := keyOf(e.Key())
			key := strings.Join(append(append([]string(nil), table...), parts...), ".")
			line, col := pipeline.LineCol(src, int(e.Value().Raw.Offset))
			d.at[key] = pipeline.Position{File: file, Line: line, Col: col}
		}
	}
	return d, nil
}

func decodeYAML(file string, src []byte) (*decoded, error) {
	d := &decoded{file: file, data: map[string]any{}, at: map[string]pipeline.Position{}}
	f, err := parser.ParseBytes(src, 0)
	if err == nil {
		err = yaml.Unmarshal(src, &d.data)
	}
	if err != nil {
		var ye yaml.Error
		if e, ok := err.(yaml.Error); ok {
			ye = e
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				return nil, &pipeline.Error{Pos: pipeline.Position{File: file, Line: tk.Position.Line, Col: tk.Position.Column}, Msg: ye.GetMessage()}
			}
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var walk func(n yast.Node, key string)
	walk = func(n yast.Node, key string) {
		switch n := n.(type) {
		case *yast.MappingNode:
			for _, v := range n.Values {
				walk(v, key)
			}
		case *yast.MappingValueNode:
			k := strings.ToLower(n.Key.String())
			if key != "" {
				k = key + "." + k
			}
			if tk := n.Value.GetToken(); tk != nil && tk.Position != nil {
				d.at[k] = pipeline.Position{File: file, Line: tk.Position.Line, Col: tk.Position.Column}
			}
			walk(n.Value, k)
		case *yast.SequenceNode:
			for i, v := range n.Values {
				k := fmt.Sprintf("%s[%d]", key, i)
				if tk := v.GetToken(); tk != nil && tk.Position != nil {
					d.at[k] = pipeline.Position{File: file, Line: tk.Position.Line, Col: tk.Position.Column}
				}
				walk(v, k)
			}
		case *yast.TagNode:
			walk(n.Value, key)
		case *yast.AnchorNode:
			walk(n.Value, key)
		}
	}
	for _, doc := range f.Docs {
		if doc.Body != nil {
			walk(doc.Body, "")
		}
	}
	return d, nil
}

// get looks a key up case-insensitively in a decoded map.
func get(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// str is a key's string value, "" when absent; ok is false when the key
// is there with another kind of value.
func str(m map[string]any, key string) (string, bool) {
	v, found := get(m, key)
	if !found {
		return "", true
	}
	s, ok := v.(string)
	return s, ok
}

// table is a key's table (map) value.
func table(m map[string]any, key string) (map[string]any, bool) {
	v, found := get(m, key)
	if !found {
		return nil, true
	}
	t, ok := v.(map[string]any)
	return t, ok
}
