// Package testshared locates the data tests read from ../shared beside the
// repository (the CommonMark examples, the tldr corpus), which is never
// copied into the repository.
package testshared

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var tldrFlag = flag.String("tldr", "", "tldr corpus folder (holds pages/); default $QUIPU_TLDR or ../shared/corpus/tldr")

// Tldr returns the tldr corpus folder: -tldr, else $QUIPU_TLDR, else
// corpus/tldr in the shared folder. Benchmarks take it from there, so they
// can run on another corpus of the same layout.
func Tldr(t testing.TB) string {
	t.Helper()
	if *tldrFlag != "" {
		return *tldrFlag
	}
	if d := os.Getenv("QUIPU_TLDR"); d != "" {
		return d
	}
	return filepath.Join(Dir(t), "corpus", "tldr")
}

// Dir returns the shared data folder: $QUIPU_SHARED, or ../shared beside
// the module root. It skips the test with a clear message when absent.
func Dir(t testing.TB) string {
	t.Helper()
	d, why := Lookup()
	if d == "" {
		t.Skip(why)
	}
	return d
}

// Lookup returns the shared data folder, or "" and why it is absent. Fuzz
// targets use it to add seeds when the data is there without skipping.
func Lookup() (dir, why string) {
	if d := os.Getenv("QUIPU_SHARED"); d != "" {
		return d, ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", "skipping: " + err.Error()
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(d), "shared")
			if _, err := os.Stat(shared); err != nil {
				return "", "skipping: shared test data not found at " + shared + " (set QUIPU_SHARED or place ../shared beside the repository)"
			}
			return shared, ""
		}
		if filepath.Dir(d) == d {
			return "", "skipping: module root not found"
		}
	}
}

// Example is one CommonMark spec example.
type Example struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// CommonMark returns the spec examples from shared/commonmark/spec.json.
func CommonMark(t testing.TB) []Example {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t), "commonmark", "spec.json"))
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	var ex []Example
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex
}

// Seeds returns, for fuzz targets, the Markdown of every CommonMark example
// and of every step-th tldr page, or nothing when the shared data is absent.
func Seeds(step int) [][]byte {
	dir, _ := Lookup()
	if dir == "" {
		return nil
	}
	var out [][]byte
	if b, err := os.ReadFile(filepath.Join(dir, "commonmark", "spec.json")); err == nil {
		var ex []Example
		if json.Unmarshal(b, &ex) == nil {
			for _, e := range ex {
				out = append(out, []byte(e.Markdown))
			}
		}
	}
	i := 0
	_ = filepath.WalkDir(filepath.Join(dir, "corpus", "tldr", "pages"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return nil
		}
		if i++; i%step == 0 {
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
		}
		return nil
	})
	return out
}

// TldrPages returns the paths of every tldr page under shared/corpus.
func TldrPages(t testing.TB) []string {
	t.Helper()
	root := filepath.Join(Tldr(t), "pages")
	var pages []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ".md" {
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		t.Skipf("skipping: tldr corpus unreadable: %v", err)
	}
	return pages
}

// ScaleEnv is the environment variable that turns on the scale tests.
const ScaleEnv = "QUIPU_SCALE"

// Scale reports whether the scale tests run: the 100,000-document tree, the
// 50 MB document, nesting 10,000 deep, corpus-wide syncs. They need several
// GB of memory and minutes, more than a contributor's laptop has to spare,
// so a plain `go test ./...` leaves them to CI and to QUIPU_SCALE=1; -short
// turns them off whatever the variable says.
func Scale() bool {
	return os.Getenv(ScaleEnv) == "1" && !testing.Short()
}

// SkipUnlessScale skips t, saying what it leaves out, unless Scale.
func SkipUnlessScale(t testing.TB, what string) {
	t.Helper()
	if !Scale() {
		t.Skipf("skipping %s: a scale test (set %s=1 to run it)", what, ScaleEnv)
	}
}
