package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeInstall protects the one-line install: README.md names the Go
// version go.mod requires, where go install puts the binary, and
// `go install <module>/cmd/quipu@latest` with the module's own path.
func TestReadmeInstall(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	module := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(mod)
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if module == nil || goVersion == nil {
		t.Fatal("go.mod has no module or go line")
	}
	for _, want := range []string{
		"go install " + string(module[1]) + "/cmd/quipu@latest",
		"Go " + string(goVersion[1]) + " or later",
		"$(go env GOPATH)/bin",
	} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}

// TestDocsHaveNoMergeMarkers: a merge left half done in the documents a
// user reads (README, docs/) reads as nonsense; the code's own would not
// compile, the documents' would ship.
func TestDocsHaveNoMergeMarkers(t *testing.T) {
	docs, _ := filepath.Glob("../../docs/*.md")
	for _, name := range append(docs, "../../README.md", "../../bench/RESULTS.md") {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "<<<<<<< ") || line == "=======" || strings.HasPrefix(line, ">>>>>>> ") {
				t.Errorf("%s:%d: merge conflict marker %q", name, i+1, line)
			}
		}
	}
}
