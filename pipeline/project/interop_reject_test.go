package project_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestExchangeCarriesRejection: a translation the build rejects (its link
// dropped) still goes to the translation tool, with a note saying why the
// build shows the English, in XLIFF and in PO.
func TestExchangeCarriesRejection(t *testing.T) {
	for _, fm := range formats {
		t.Run(fm.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "content/a.md"), "Read the [guide](https://example.com/g) now.\n")
			p, err := project.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Sync(project.SyncOptions{}); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, messages)
			data := strings.Replace(read(t, name), `other = ""`, `other = "Lea la guía ya."`, 1)
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := p.Sync(project.SyncOptions{}); err != nil {
				t.Fatal(err)
			}
			paths, err := fm.export(p, project.ExchangeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out := read(t, filepath.Join(dir, paths[0]))
			if !strings.Contains(out, "rejected by the build, which shows the English: tag "+fm.quote("<1>")+" (link https://example.com/g) is missing") {
				t.Errorf("no rejection note in\n%s", out)
			}
		})
	}
}
