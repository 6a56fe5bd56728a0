package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsGoTestCommandsRunSomething: every `go test` command the
// documents show names packages that exist, and its -run or -bench
// pattern names a test or benchmark in one of them, so a test moved to
// another package cannot leave a command that silently runs nothing.
func TestDocsGoTestCommandsRunSomething(t *testing.T) {
	docs, _ := filepath.Glob("../../docs/*.md")
	docs = append(docs, "../../README.md", "../../bench/RESULTS.md")
	cmd := regexp.MustCompile("go test [^`\n]*")
	checked := 0
	for _, name := range docs {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, c := range cmd.FindAllString(line, -1) {
				if err := checkGoTest(c); err != "" {
					t.Errorf("%s:%d: %s: %s", name, i+1, c, err)
				}
				checked++
			}
		}
	}
	if checked < 5 {
		t.Errorf("found %d go test commands: the documents' commands are no longer found", checked)
	}
}

// checkGoTest says what is wrong with one go test command line, or "".
func checkGoTest(c string) string {
	fields := strings.Fields(c)
	var pkgs []string
	patterns := map[string]string{} // "Test" or "Benchmark" → pattern
	for i := 2; i < len(fields); i++ {
		f := strings.Trim(fields[i], `'"`)
		switch {
		case f == "#":
			i = len(fields) // a shell comment
		case f == "-run" || f == "-bench":
			if i+1 < len(fields) {
				kind := map[string]string{"-run": "Test", "-bench": "Benchmark"}[f]
				patterns[kind] = strings.Trim(fields[i+1], `'"`)
				i++
			}
		case strings.HasPrefix(f, "./"):
			pkgs = append(pkgs, f)
		}
	}
	var sources []string
	for _, p := range pkgs {
		if strings.HasSuffix(p, "/...") {
			continue
		}
		dir := filepath.Join("../..", p)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return "no package " + p
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			sources = append(sources, string(data))
		}
	}
	for kind, pat := range patterns {
		if pat == "^$" || len(sources) == 0 {
			continue
		}
		// go test matches the pattern's first part against top-level names.
		re, err := regexp.Compile(strings.SplitN(pat, "/", 2)[0])
		if err != nil {
			return "bad pattern " + pat
		}
		found := false
		for _, src := range sources {
			for _, m := range regexp.MustCompile(`(?m)^func (`+kind+`\w*)\(`).FindAllStringSubmatch(src, -1) {
				if re.MatchString(m[1]) {
					found = true
				}
			}
		}
		if !found {
			return "no " + kind + " matches " + pat + " in " + strings.Join(pkgs, " ")
		}
	}
	return ""
}
