package tomlerr

import (
	"errors"
	"testing"
)

// TestDecodeOneWayForEveryFile protects every TOML file quipu reads from
// Go's words: a wrong type says what the key takes, an unknown key the key
// meant (or the keys its table takes), all unknown keys at once, each at
// its file:line:col.
func TestDecodeOneWayForEveryFile(t *testing.T) {
	type item struct {
		Name string `toml:"name"`
		On   bool   `toml:"on"`
	}
	type file struct {
		Title string              `toml:"title"`
		Items []item              `toml:"item"`
		Map   map[string][]string `toml:"map"`
	}
	schema := Schema{
		Tables: map[string]Table{"": {Keys: []string{"title", "item", "map"}}, "item": {Header: "[[item]]", Keys: []string{"name", "on"}}},
		Want: func(key string) (string, bool) {
			if len(key) > 4 && key[:4] == "map." {
				return "a list", true
			}
			w, ok := map[string]string{"title": "text in quotes", "item.on": "true or false"}[key]
			return w, ok
		},
	}
	for _, tc := range []struct{ name, data, want string }{
		{"fine", "title = \"x\"\n[[item]]\nname = \"a\"\non = true\n", ""},
		{"wrong type at the top", "title = 3\n", `f.toml:1:9: title: want text in quotes, not a number`},
		{"wrong type in an array of tables", "[[item]]\non = \"yes\"\n", `f.toml:2:6: on: want true or false, not text in quotes`},
		{"wrong type in a free table", "[map]\nk = \"v\"\n", `f.toml:2:5: map.k: want a list, not text in quotes`},
		{"misspelled top key", "titel = \"x\"\n", `f.toml:1:1: unknown key "titel" (did you mean "title"?)`},
		{"unknown key in a table", "[[item]]\nzzz = 1\nnaem = \"a\"\n", "f.toml:2:1: unknown key \"zzz\" in [[item]] (it takes name, on)\n" +
			`f.toml:3:1: unknown key "naem" in [[item]] (did you mean "name"?)`},
		{"wrong type of a key the schema forgot", "[[item]]\nname = true\n", `f.toml:2:8: name: want another kind of value, not true or false`},
		{"stray quote", "title = \"say \"hi\" now\"\n", `f.toml:1:14: missing \ before " (write \" inside a value)`},
	} {
		var v file
		err := Decode("f.toml", []byte(tc.data), &v, schema)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: got %q\nwant %q", tc.name, got, tc.want)
		}
		var list List
		if tc.name == "unknown key in a table" && (!errors.As(err, &list) || len(list) != 2) {
			t.Errorf("%s: want a List of 2, got %#v", tc.name, err)
		}
	}
}
