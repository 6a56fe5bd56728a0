package localized_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// translate writes the message file of locale to from the source
// locale's file, each message's English replaced by tr's translation (""
// for none).
func translate(t *testing.T, root, name, to string, tr func(en string) string) {
	t.Helper()
	f := testshared.Messages(t, filepath.Join(root, name))
	for _, m := range f.Messages {
		m.Other = tr(m.Other)
	}
	out := filepath.Join(root, "locales", to, "a."+to+".toml")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, catalog.Format(f), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestResolveFallsBackAlongTheChain protects the one count every command
// makes: a segment es-PE lacks takes es's translation (es-PE's chain is
// es-PE, es-419, es), one no locale has shows the English, and the
// document is assembled from the answers.
func TestResolveFallsBackAlongTheChain(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content/a.md"), []byte("# Hello\n\nGood morning.\n\nGood night.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	translate(t, root, "locales/en/a.en.toml", "es-PE", func(en string) string {
		return map[string]string{"Hello": "Hola"}[en]
	})
	translate(t, root, "locales/en/a.en.toml", "es", func(en string) string {
		return map[string]string{"Hello": "Buenas", "Good morning.": "Buenos días."}[en]
	})
	sources, err := p.Sources()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Load(sources[0])
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*catalog.File{}
	if err := localized.ReadChain(p, sources[0], []string{"es-PE"}, files); err != nil {
		t.Fatal(err)
	}
	rd := localized.Resolve(p, doc, sources[0], "es-PE", files, resolve.Options{})
	var got []string
	for _, r := range rd.Res {
		got = append(got, r.Text+" ("+r.From.Locale+")")
	}
	if want := "Hola (es-PE)|Buenos días. (es)|Good night. ()"; strings.Join(got, "|") != want {
		t.Errorf("resolved %q, want %s", got, want)
	}
	if c := resolve.Count(doc.Segments, rd.Res); c.Total != 3 || c.Translated != 2 || c.Missing != 1 {
		t.Errorf("counts %+v", c)
	}
	if md := string(rd.Localized.Markdown); !strings.Contains(md, "# Hola") || !strings.Contains(md, "Buenos días.") || !strings.Contains(md, "Good night.") {
		t.Errorf("assembled:\n%s", md)
	}
}
