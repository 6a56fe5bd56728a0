package catalog_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

var fileSeeds = []string{
	"",
	"# a comment\n[hello-1a2b3c]\ndescription = \"heading\"\nhash = \"sha1-0\"\nother = \"Hola\"\n",
	"#. en: Hello\n# my note\n#, fuzzy\n#| en: Hi\n[a]\nother = \"x\"\n",
	"short = \"go-i18n's short form\"\n[b]\nother = 'literal'\nleftdelim = \"<<\"\nrightdelim = \">>\"\n",
	"[a]\nother = \"x\"\n[a]\nother = \"y\"\n",
	"[a]\nother = 3\nstate = \"reviewed\"\none = \"uno\"\n",
	"[[a]]\nother = \"x\"\n",
	"[a.b]\nother = \"x\"\n[\"a.b\"]\nother = \"y\"\n",
	"[a]\nother = \"\"\"\nmulti\nline\"\"\"\n",
	"[a]\nother = \"\\u0000\\t\\r\\n\"\n",
}

// FuzzParse checks that Parse never panics, that what it accepts is TOML
// a full decoder (go-i18n's) accepts, and formats to a file it accepts
// again, with the same messages, and that formatting is then a fixed
// point.
func FuzzParse(f *testing.F) {
	for _, s := range fileSeeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../locales/*/*.toml")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := catalog.Parse("fuzz.toml", data)
		if err != nil {
			return
		}
		// What quipu accepts, go-i18n (a full TOML decode) reads too.
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err != nil {
			t.Fatalf("accepted a file TOML refuses: %v\n%s", err, data)
		}
		out := catalog.Format(file)
		again, err := catalog.Parse("fuzz.toml", out)
		if err != nil {
			t.Fatalf("Format wrote a file Parse refuses: %v\ninput:\n%s\nformatted:\n%s", err, data, out)
		}
		if d := cmp.Diff(messages(file), messages(again), cmp.AllowUnexported(catalog.Message{})); d != "" {
			t.Fatalf("messages changed through Format (-before +after):\n%s\nformatted:\n%s", d, out)
		}
		if out2 := catalog.Format(again); !bytes.Equal(out, out2) {
			t.Fatalf("Format is not idempotent:\n%s\nthen:\n%s", out, out2)
		}
	})
}

// messages is what a file holds for quipu and go-i18n, positions aside.
func messages(f *catalog.File) []catalog.Message {
	var out []catalog.Message
	for _, m := range f.Messages {
		c := *m
		c.Line, c.Col, c.OtherLine, c.OtherCol = 0, 0, 0, 0
		c.Notes, c.Source, c.Order = nil, "", nil
		out = append(out, c)
	}
	return out
}
