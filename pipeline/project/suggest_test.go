package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMessagesSuggestExactMatch: a segment translated word for word in
// another document is offered as a 100% suggestion (a fuzzy lookup skips
// identical English), but a message is never offered its own translation.
func TestMessagesSuggestExactMatch(t *testing.T) {
	root := t.TempDir()
	for rel, data := range map[string]string{
		"quipu.toml":   `locales = ["es-PE"]` + "\n",
		"content/a.md": "# A\n\nDisplay help:\n",
		"content/b.md": "# B\n\nDisplay help:\n",
	} {
		name := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(p.Root, "locales", "es-PE", "a.es-PE.toml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(string(b), "display-help")
	if at < 0 {
		t.Fatalf("no message for the English in:\n%s", b)
	}
	s := string(b[:at]) + strings.Replace(string(b[at:]), `other = ""`, `other = "Mostrar la ayuda:"`, 1)
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	mem, err := p.Memory("es-PE")
	if err != nil {
		t.Fatal(err)
	}
	sources, err := p.Sources()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, src := range sources {
		msgs, err := p.Messages(src, "es-PE", mem)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Source != "Display help:" {
				continue
			}
			for _, sg := range m.Suggestions {
				got[src.Rel] = append(got[src.Rel], sg.Target)
				if sg.Score != 1 {
					t.Errorf("%s: an identical English scores %v", src.Rel, sg.Score)
				}
			}
		}
	}
	if s := strings.Join(got["b.md"], "|"); s != "Mostrar la ayuda:" {
		t.Errorf("b.md is offered %q, want the translation of a.md", s)
	}
	if len(got["a.md"]) != 0 {
		t.Errorf("a.md is offered its own translation: %q", got["a.md"])
	}
}
