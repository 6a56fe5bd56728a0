package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// goi18n builds go-i18n's own command from the module cache, or skips:
// the message files must work with the real client, not with our reading
// of its rules.
func goi18n(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds goi18n: not with -short")
	}
	bin := filepath.Join(t.TempDir(), "goi18n")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/nicksnyder/go-i18n/v2/goi18n").CombinedOutput()
	if err != nil {
		t.Skipf("cannot build goi18n here, so it is not checked: %v\n%s", err, out)
	}
	return bin
}

// TestGoi18nMergeSeesFuzzyAsUntranslated checks the hash rule with goi18n
// merge: a fuzzy message keeps the hash of the English its translation was
// made from, so goi18n puts it in translate.*.toml, not in active.*.toml.
func TestGoi18nMergeSeesFuzzyAsUntranslated(t *testing.T) {
	bin := goi18n(t)
	dir, write, quipu := scratch(t)
	write("content/doc.md", "# Guide\n\nThe shop opens before 8 a.m.\n\nIt closes at noon.\n")
	quipu("sync")
	msgs := filepath.Join(dir, "locales/es-PE/doc.es-PE.toml")
	data, err := os.ReadFile(msgs)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `other = ""`, `other = "Guía"`, 1)
	s = strings.Replace(s, `other = ""`, `other = "La tienda abre antes de las 8 a. m."`, 1)
	s = strings.Replace(s, `other = ""`, `other = "Cierra al mediodía."`, 1)
	write("locales/es-PE/doc.es-PE.toml", s)
	write("content/doc.md", "# Guide\n\nThe shop opens after 8 a.m.\n\nIt closes at noon.\n")
	quipu("sync")
	if data, _ := os.ReadFile(msgs); !bytes.Contains(data, []byte("#, fuzzy")) {
		t.Fatalf("the edited sentence is not fuzzy:\n%s", data)
	}

	out := filepath.Join(dir, "merged")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "merge", "-sourceLanguage", "en", "-outdir", out,
		filepath.Join(dir, "locales/en/doc.en.toml"), msgs)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goi18n merge: %v\n%s", err, b)
	}
	active, _ := os.ReadFile(filepath.Join(out, "active.es-PE.toml"))
	translate, _ := os.ReadFile(filepath.Join(out, "translate.es-PE.toml"))
	if bytes.Contains(active, []byte("antes de las 8")) {
		t.Errorf("goi18n merge took the fuzzy translation as current:\nactive.es-PE.toml:\n%s", active)
	}
	if !bytes.Contains(translate, []byte("shop-opens-after")) && !bytes.Contains(translate, []byte("opens after 8")) {
		t.Errorf("the fuzzy message is not in translate.es-PE.toml:\n%s", translate)
	}
	if !bytes.Contains(active, []byte("Cierra al mediodía.")) {
		t.Errorf("a current translation is missing from active.es-PE.toml:\n%s", active)
	}
}

// TestOneBundleHoldsEveryDocument: message IDs are unique across the
// project, so an app that loads every message file of a locale into one
// go-i18n Bundle, the ordinary way to use go-i18n, gets each document's
// own translation of a sentence two documents share; and goi18n merge
// accepts the project's source files together.
func TestOneBundleHoldsEveryDocument(t *testing.T) {
	dir, write, quipu := scratch(t)
	// bfs and find share sentences, as the tldr pages do.
	write("content/bfs.md", "# bfs\n\nFind files by name.\n\nSearch the current folder.\n")
	write("content/find.md", "# find\n\nFind files by name.\n\nSearch the current folder.\n")
	write("content/sub/find.md", "# find\n\nFind files by name.\n")
	quipu("sync")
	files, err := filepath.Glob(filepath.Join(dir, "locales/es-PE/*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := filepath.Glob(filepath.Join(dir, "locales/es-PE/sub/*.toml"))
	files = append(files, sub...)
	if len(files) != 3 {
		t.Fatalf("message files: %v", files)
	}
	// Each document's translator writes the document's name into each
	// translation, so a mix-up shows.
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(filepath.Join(dir, "locales/es-PE"), f)
		s := string(data)
		for strings.Contains(s, `other = ""`) {
			s = strings.Replace(s, `other = ""`, `other = "`+name+` `+fmt.Sprint(strings.Count(s, "other = \"")-strings.Count(s, `other = ""`))+`"`, 1)
		}
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	quipu("sync")

	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, f := range files {
		if _, err := bundle.LoadMessageFile(f); err != nil {
			t.Fatalf("one bundle cannot hold %s: %v", f, err)
		}
	}
	loc := i18n.NewLocalizer(bundle, "es-PE")
	checked := 0
	for _, f := range files {
		data, _ := os.ReadFile(f)
		parsed, err := catalog.Parse(f, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range parsed.Messages {
			id := parsed.WrittenID(m)
			got, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id})
			if err != nil || got != m.Other {
				t.Errorf("%s: message %s localizes to %q (%v), want the file's own %q", f, id, got, err, m.Other)
			}
			checked++
		}
	}
	if checked != 8 {
		t.Errorf("checked %d messages, want 8", checked)
	}

	bin := goi18n(t)
	src, _ := filepath.Glob(filepath.Join(dir, "locales/en/*.toml"))
	srcSub, _ := filepath.Glob(filepath.Join(dir, "locales/en/sub/*.toml"))
	out := filepath.Join(dir, "merged")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"merge", "-sourceLanguage", "en", "-outdir", out}, append(src, srcSub...)...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goi18n merge over the source files: %v\n%s", err, b)
	}
}

// scratch is an empty project folder, a way to write files in it and a
// way to run quipu on it in this process.
func scratch(t *testing.T) (dir string, write func(name, data string), quipu func(args ...string)) {
	dir = t.TempDir()
	write = func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	quipu = func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if rc := run(append([]string{"quipu", "-C", dir}, args...), &stdout, &stderr); rc != 0 {
			t.Fatalf("quipu %s: exit %d\n%s", strings.Join(args, " "), rc, stderr.String())
		}
	}
	return dir, write, quipu
}
