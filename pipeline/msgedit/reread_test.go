package msgedit_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/msgedit"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestHandEditDuringSaveIsNotOverwritten: a hand edit of the message that
// lands while a save checks its translation makes the save stale (409),
// rather than being overwritten by a save checked against the file as it
// was before.
func TestHandEditDuringSaveIsNotOverwritten(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("# Hello\n\nGood morning.\n"), 0o644)
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	srcs, err := p.Sources()
	if err != nil || len(srcs) != 1 {
		t.Fatalf("sources: %v %v", srcs, err)
	}
	msgs, err := p.Messages(srcs[0], "es-PE", nil)
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[1]
	file := filepath.Join(root, "locales", "es-PE", "a.es-PE.toml")
	defer msgedit.SetBeforeReread(func() {
		b, _ := os.ReadFile(file)
		at := strings.Index(string(b), `["`+m.ID+`"]`)
		s := string(b[:at]) + strings.Replace(string(b[at:]), `other = ""`, `other = "A mano."`, 1)
		os.WriteFile(file, []byte(s), 0o644)
	})()
	_, _, err = p.SetMessage(srcs[0], "es-PE", m.ID, "Buenos días.", catalog.State(""), m.Version)
	var stale *msgedit.StaleError
	if !errors.As(err, &stale) {
		t.Errorf("the save over a hand edit: %v, want a stale version", err)
	}
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), `other = "A mano."`) {
		t.Errorf("the hand edit was overwritten:\n%s", b)
	}
}
