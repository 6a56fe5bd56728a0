package interop_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/interop"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestExchangeCarriesRejection: a translation the build rejects (its link
// dropped) still goes to the translation tool, with a note saying why the
// build shows the English, in XLIFF and in PO.
func TestExchangeCarriesRejection(t *testing.T) {
	for _, fm := range formats {
		t.Run(fm.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "content/a.md"), "Read the [guide](https://example.com/g) now.\n")
			p, err := tree.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, messages)
			data := strings.Replace(read(t, name), `other = ""`, `other = "Lea la guía ya."`, 1)
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
				t.Fatal(err)
			}
			paths, err := fm.export(p, interop.ExchangeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out := read(t, filepath.Join(dir, paths[0]))
			if !strings.Contains(out, "rejected by the build, which shows the English: "+messages+":15:10: tag "+fm.quote("<1>")+" (link https://example.com/g) is missing") {
				t.Errorf("no rejection note in\n%s", out)
			}
		})
	}
}

// TestExchangeVerdictsAsBuild: XLIFF and PO exports give each message the
// verdict build and status give it: a rejected translation goes out as
// work to do (XLIFF "initial", PO fuzzy) with why, at the column check
// reports; one the page shows from the es file goes out translated; an
// unknown tag stops neither format; and the files come back changing
// nothing.
func TestExchangeVerdictsAsBuild(t *testing.T) {
	rejectedMark := map[string]string{"xliff": `<segment state="initial" subState="quipu:rejected">`, "po": "#, fuzzy\nmsgctxt \"read-the-manual"}
	for _, fm := range formats {
		t.Run(fm.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "content/a.md"), "Good one.\n\nRead the [manual](https://example.com/m) first.\n\nFrom the fallback.\n")
			write(t, filepath.Join(dir, "quipu.toml"), "locales = [\"es-PE\"]\n")
			p, err := tree.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, messages)
			data := strings.Replace(read(t, name), `other = ""`, `other = "Uno bueno."`, 1)
			data = strings.Replace(data, `other = ""`, `other = "Lea el <3>manual</3> primero."`, 1)
			write(t, name, data)
			id := regexp.MustCompile(`"a\.from-the-fallback[^"]*"`).FindString(data)
			write(t, filepath.Join(dir, "locales/es/a.es.toml"), "["+id+"]\nother = \"Del respaldo.\"\n")
			if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
				t.Fatal(err)
			}
			data = read(t, name)
			line := strings.Count(data[:strings.Index(data, "<3>")], "\n") + 1
			col := strings.Index(data, "<3>") - strings.LastIndex(data[:strings.Index(data, "<3>")], "\n")
			before := snapshot(t, p)
			file := exportOne(t, p, fm)
			out := read(t, file)
			if !strings.Contains(out, rejectedMark[fm.name]) {
				t.Errorf("rejected translation not exported as work to do")
			}
			if want := fmt.Sprintf("rejected by the build, which shows the English: %s:%d:%d: tag %s is not in the source", messages, line, col, fm.quote("<3>")); !strings.Contains(out, want) {
				t.Errorf("no note %q", want)
			}
			if !strings.Contains(out, "Del respaldo.") {
				t.Errorf("the es translation the page shows is not exported")
			}
			if fm.name == "xliff" && strings.Count(out, `state="translated"`) != 2 {
				t.Errorf("want 2 translated units (own and es), got %d", strings.Count(out, `state="translated"`))
			}
			res, err := fm.imp(p, []string{file}, interop.ImportOptions{})
			if err != nil {
				t.Fatalf("import of the export: %v", err)
			}
			if res.Updated != 0 {
				t.Errorf("import of the export updated %d", res.Updated)
			}
			sameFiles(t, p, before)
		})
	}
}
