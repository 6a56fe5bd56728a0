package main

import (
	"os"
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
