package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeStatusIsRealOutput: README's `quipu status` example is what
// quipu status prints for the repository's own project, column for
// column, so a column added to status cannot leave the example short.
func TestReadmeStatusIsRealOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prompt = "```\n$ quipu status\n"
	i := bytes.Index(readme, []byte(prompt))
	if i < 0 {
		t.Fatal("README.md has no `$ quipu status` example")
	}
	example := readme[i+len(prompt):]
	example = example[:bytes.Index(example, []byte("```"))]

	dir := t.TempDir()
	for _, d := range []string{"content", "locales"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr strings.Builder
	if code := run([]string{"quipu", "-C", dir, "status"}, &stdout, &stderr); code != 0 {
		t.Fatalf("quipu status: exit %d: %s", code, stderr.String())
	}
	if got := stdout.String(); got != string(example) {
		t.Errorf("README.md shows\n%s\nquipu status prints\n%s", example, got)
	}
}
