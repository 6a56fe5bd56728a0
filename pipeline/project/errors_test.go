package project_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestErrorsKeepPositions protects the positions of a run's problems: the
// errors a command reports together are a pipeline.ErrorList, so a caller
// reaches each one's file, line and column with errors.As instead of
// parsing text.
func TestErrorsKeepPositions(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "quipu.toml"), []byte("locales = [\"es-PE\"]\nlocale = \"x\"\ncontnet = \"y\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := project.Open(root)
	var list pipeline.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("Open: %v, want a list of 2 errors", err)
	}
	if p := list[1].Pos; p.File != "quipu.toml" || p.Line != 3 || p.Col != 1 {
		t.Errorf("second error at %s, want quipu.toml:3:1", p)
	}
}
