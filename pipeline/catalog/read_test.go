package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// TestParseErrors lists the mistakes a translator can make in a message
// file; each is reported at its line and column, all in one run.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"key twice", "[a]\nother = \"x\"\nother = \"y\"\n", []string{`x.toml:3:1: key a.other is defined twice`}},
		{"key twice in another case", "[a]\nother = \"x\"\nOther = \"y\"\n", []string{`x.toml:3:1: Other of message "a" is defined twice`}},
		{"table twice", "[a]\nother = \"x\"\n\n[a]\nother = \"y\"\n", []string{`x.toml:4:2: table [a] is defined twice`}},
		{"one ID, two tables", "[a.b]\nother = \"x\"\n[\"a.b\"]\nother = \"y\"\n", []string{`x.toml:3:2: message "a.b" is defined twice (first at line 1)`}},
		{"short form then table", "a = \"x\"\n[a]\nother = \"y\"\n", []string{`x.toml:2:2: a is already a value`}},
		{"value used as a table", "a = \"x\"\na.b = \"y\"\n", []string{`x.toml:2:1: a is a value, not a table`}},
		{"wrong type", "[a]\nother = 3\nhash = true\n", []string{`x.toml:2:1: other of message "a" must be a string, not Integer`, `x.toml:3:1: hash of message "a" must be a string, not Bool`}},
		{"reserved-looking key", "[a]\nid = \"a\"\ntranslation = \"x\"\n", []string{`x.toml:2:1: unknown key "id" in message "a"`, `x.toml:3:1: unknown key "translation" in message "a"`, `x.toml:1:2: message "a" has no other`}},
		{"no other", "[a]\ndescription = \"d\"\n", []string{`x.toml:1:2: message "a" has no other`}},
		{"plural form", "[a]\none = \"uno\"\nother = \"x\"\n", []string{`x.toml:2:1: plural form "one" in message "a": document segments are never plural`}},
		{"array of tables", "[[a]]\nother = \"x\"\n", []string{`x.toml:1:3: [[a]] is an array of tables`}},
		{"unterminated string", "[a]\nother = \"x\n", []string{`x.toml:2:`}},
		{"invalid UTF-8", "[a]\nother = \"\xff\"\n", []string{`x.toml:2:10: invalid UTF-8 (byte offset 13)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.Parse("x.toml", []byte(tc.file))
			if err == nil {
				t.Fatal("accepted")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tc.want) {
				t.Errorf("got %d errors, want %d:\n%s", len(lines), len(tc.want), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not say %q", err, w)
				}
			}
		})
	}
}

// BenchmarkParse reads a file of 4,000 messages, the size of a long book
// chapter; reading must stay linear in the file's size.
func BenchmarkParse(b *testing.B) {
	var s strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&s, "#. en: Paragraph %d.\n#, translated\n[paragraph-%d-abcdef]\ndescription = \"paragraph\"\nhash = \"sha1-0\"\nother = \"Párrafo %d.\"\n\n", i, i, i)
	}
	data := []byte(s.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := catalog.Parse("x.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}
