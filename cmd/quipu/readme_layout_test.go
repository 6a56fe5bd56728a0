package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeLayoutListsEveryPackage: README's Layout table names every
// package under pipeline/, so a new package cannot go unmentioned.
func TestReadmeLayoutListsEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if !strings.HasPrefix(line, "| `pipeline") {
			continue
		}
		cell := strings.Split(line, "|")[1]
		for _, m := range regexp.MustCompile("`(pipeline[^`]*)`").FindAllStringSubmatch(cell, -1) {
			listed[strings.TrimSuffix(m[1], "/")] = true
		}
	}
	err = filepath.WalkDir("../../pipeline", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if d.Name() == "testdata" {
			return filepath.SkipDir
		}
		code, _ := filepath.Glob(filepath.Join(p, "*.go"))
		hasCode := false
		for _, f := range code {
			if !strings.HasSuffix(f, "_test.go") {
				hasCode = true
			}
		}
		rel, _ := filepath.Rel("../..", p)
		if hasCode && !listed[filepath.ToSlash(rel)] {
			t.Errorf("README.md's Layout table does not list %s", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
