package interop_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/exchangetest"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/interop"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

const messages = "locales/es-PE/a.es-PE.toml"

// format is what the tests do the same way for XLIFF and PO.
type format struct {
	name   string
	export func(*tree.Tree, interop.ExchangeOptions) ([]string, error)
	imp    func(*tree.Tree, []string, interop.ImportOptions) (*interop.ImportResult, error)
	// quote writes text as it appears in the exported file.
	quote func(string) string
}

var formats = []format{
	{"xliff", interop.ExportXLIFF, interop.ImportXLIFF,
		func(s string) string { return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s) }},
	{"po", interop.ExportPO, interop.ImportPO,
		func(s string) string { return strings.ReplaceAll(s, `"`, `\"`) }},
}

// fixtureProject is a project with the shared test article and its
// es-PE translations in every state, in step.
func fixtureProject(t *testing.T) *tree.Tree {
	t.Helper()
	dir := t.TempDir()
	_, f, _ := exchangetest.Fixture(t)
	write(t, filepath.Join(dir, "content/a.md"), exchangetest.Article)
	write(t, filepath.Join(dir, messages), string(catalog.Format(f)))
	p, err := tree.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	return p
}

// seedProject is a copy of the repository's own article and translations.
func seedProject(t *testing.T) *tree.Tree {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "locales"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("../..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	p, err := tree.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// snapshot reads every file under the project's locales folder.
func snapshot(t *testing.T, p *tree.Tree) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Join(p.Root, "locales")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		out[path] = read(t, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t *testing.T, p *tree.Tree, before map[string]string) {
	t.Helper()
	after := snapshot(t, p)
	if len(after) != len(before) {
		t.Errorf("%d files under locales/, had %d", len(after), len(before))
	}
	for path, data := range before {
		if after[path] != data {
			t.Errorf("%s changed", path)
		}
	}
}

func exportOne(t *testing.T, p *tree.Tree, f format) string {
	t.Helper()
	files, err := f.export(p, interop.ExchangeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("exported %q, want one file", files)
	}
	return filepath.Join(p.Root, files[0])
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data := read(t, path)
	if strings.Count(data, old) != 1 {
		t.Fatalf("%s: %q occurs %d times, want once", path, old, strings.Count(data, old))
	}
	write(t, path, strings.Replace(data, old, new, 1))
}

func TestExchangeRoundTripSeed(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			p := seedProject(t)
			before := snapshot(t, p)
			file := exportOne(t, p, f)
			want := "xliff/es-PE/us-military-bases-in-peru.xlf"
			if f.name == "po" {
				want = "po/es-PE/us-military-bases-in-peru.po"
			}
			if file != filepath.Join(p.Root, want) {
				t.Errorf("exported %s, want %s", file, want)
			}
			res, err := f.imp(p, []string{file}, interop.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged != 24 || res.Updated != 0 || len(res.Changed) != 0 {
				t.Errorf("result %+v, want 24 unchanged", res)
			}
			sameFiles(t, p, before)
		})
	}
}

// TestExchangeEditOneTarget: a translation changed in the tool changes
// that translation's line in the message file, and nothing else.
func TestExchangeEditOneTarget(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // in the exported file
		// removed and added are the message file's lines that change.
		removed, added []string
	}{
		{
			name: "translated",
			old:  `para el "Perú"`, new: `para el "Perú" de hoy`,
			removed: []string{`other = "Un <1>título</1> para el \"Perú\""`},
			added:   []string{`other = "Un <1>título</1> para el \"Perú\" de hoy"`},
		},
		{
			name: "fuzzy confirmed",
			old:  `Segundo párrafo.`, new: `Segundo párrafo, distinto.`,
			removed: []string{`other = "Segundo párrafo."`, "#, fuzzy", "#| en: Second paragraph, as it was.", "#. changed: Second paragraph, [-as it was.-] {+once different.+}"},
			added:   []string{`other = "Segundo párrafo, distinto."`, "#, translated"},
		},
	}
	for _, f := range formats {
		for _, tt := range tests {
			t.Run(f.name+"/"+tt.name, func(t *testing.T) {
				p := fixtureProject(t)
				before := read(t, filepath.Join(p.Root, messages))
				file := exportOne(t, p, f)
				old, new := f.quote(tt.old), f.quote(tt.new)
				if f.name == "xliff" && tt.name == "fuzzy confirmed" {
					// A translator confirming a fuzzy unit sets its state.
					old, new = `subState="quipu:fuzzy">`+"\n        <source>Second paragraph, once different.</source>\n        <target>"+old,
						`>`+"\n        <source>Second paragraph, once different.</source>\n        <target>"+new
					edit(t, file, `<segment state="initial" subState`, `<segment state="translated" subState`)
				}
				if f.name == "po" && tt.name == "fuzzy confirmed" {
					edit(t, file, "#, fuzzy\n", "")
				}
				edit(t, file, old, new)
				res, err := f.imp(p, []string{file}, interop.ImportOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if res.Updated != 1 || len(res.Changed) != 1 || res.Changed[0] != messages {
					t.Errorf("result %+v, want one update in %s", res, messages)
				}
				after := read(t, filepath.Join(p.Root, messages))
				removed, added := lineDiff(before, after)
				slices.Sort(removed)
				slices.Sort(added)
				slices.Sort(tt.removed)
				slices.Sort(tt.added)
				if !slices.Equal(removed, tt.removed) || !slices.Equal(added, tt.added) {
					t.Errorf("lines removed %q, added %q\nwant removed %q, added %q", removed, added, tt.removed, tt.added)
				}
				// Importing the same file again changes nothing more.
				if res, err := f.imp(p, []string{file}, interop.ImportOptions{}); err != nil || len(res.Changed) != 0 {
					t.Errorf("second import: %+v, %v", res, err)
				}
			})
		}
	}
}

// lineDiff returns the lines only in a and only in b, in order, for files
// whose lines are unique enough (message files are).
func lineDiff(a, b string) (removed, added []string) {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	ca, cb := count(a), count(b)
	for _, l := range strings.Split(a, "\n") {
		if ca[l] > cb[l] {
			removed = append(removed, l)
			ca[l]--
		}
	}
	ca = count(a)
	for _, l := range strings.Split(b, "\n") {
		if cb[l] > ca[l] {
			added = append(added, l)
			cb[l]--
		}
	}
	return removed, added
}

func TestExchangeConflict(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			p := fixtureProject(t)
			file := exportOne(t, p, f)
			pristine := file + ".pristine"
			write(t, pristine, read(t, file))
			// Meanwhile, someone edits the message file...
			edit(t, filepath.Join(p.Root, messages), `para el \"Perú\""`, `para el \"Perú\" (editado)"`)
			before := snapshot(t, p)

			// Units the translator left alone never undo that edit.
			res, err := f.imp(p, []string{pristine}, interop.ImportOptions{})
			if err != nil || res.Unchanged != 3 || res.Updated != 0 {
				t.Fatalf("import of an untouched export: %+v, %v", res, err)
			}
			sameFiles(t, p, before)

			// ...and the translator the same unit in the tool.
			edit(t, file, f.quote(`para el "Perú"`), f.quote(`para el "Perú" de hoy`))
			res, err = f.imp(p, []string{file}, interop.ImportOptions{})
			if err == nil {
				t.Fatal("no conflict reported")
			}
			if !strings.Contains(err.Error(), `unit "a-title-for-peru-02fe6b": conflict: the message file changed since the export`) || res.Conflicts != 1 {
				t.Errorf("error %v, %d conflicts", err, res.Conflicts)
			}
			sameFiles(t, p, before)

			res, err = f.imp(p, []string{file}, interop.ImportOptions{Force: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Updated != 1 || !strings.Contains(read(t, filepath.Join(p.Root, messages)), `para el \"Perú\" de hoy"`) {
				t.Errorf("forced import: %+v", res)
			}
		})
	}
}

// TestExchangeBadUnits: every bad unit of every file is reported with its
// position, and nothing is written.
func TestExchangeBadUnits(t *testing.T) {
	p := fixtureProject(t)
	xlf := exportOne(t, p, formats[0])
	pof := exportOne(t, p, formats[1])
	before := snapshot(t, p)
	edit(t, xlf, `<unit id="an-item-with-strong-text-aec250"`, `<unit id="no-such-unit"`)
	edit(t, xlf, `para el "Perú"`, `para el "Perú" <ph id="9"/>`)
	edit(t, xlf, `<pc id="1" dataRefStart="d1" dataRefEnd="d1e" type="fmt" canCopy="no">párrafo</pc>`, `<sc id="1"/>párrafo`)
	edit(t, pof, `"Primer <1>párrafo</1> con`, `"Primer <1>párrafo con`)
	edit(t, pof, `msgstr "Segundo párrafo."`, `msgstr "Segundo <7/> párrafo."`)
	// Both files speak of the same document, so one is reported for it.
	_, err := interop.ImportXLIFF(p, []string{xlf}, interop.ImportOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`a.xlf:16:119: unit "a-title-for-peru-02fe6b": target code id "9" is not in the source`,
		`a.xlf:55:5: unknown unit "no-such-unit"`,
		`a.xlf:40:24: unit "first-paragraph-with-a-link-244f2d": <1> is never closed`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\nwant it to contain %s", err, want)
		}
	}
	_, err = interop.ImportPO(p, []string{pof}, interop.ImportOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`a.po:39:9: unit "first-paragraph-with-a-link-244f2d": <1> is never closed`,
		`a.po:51:17: unit "second-paragraph-once-different-b2dc00": tag <7/> is not in the source (it has 0)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\nwant it to contain %s", err, want)
		}
	}
	_, err = interop.ImportPO(p, []string{pof, pof}, interop.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "was already imported from") {
		t.Errorf("a document imported twice: %v", err)
	}
	sameFiles(t, p, before)
}

// TestImportStaysInside: the document an imported file names is checked
// like a path in an archive: it cannot lead out of the project.
func TestImportStaysInside(t *testing.T) {
	for _, doc := range []string{"../outside.md", "/etc/passwd", "content/../../outside.md", `content\a.md`, "content/./a.md", "content/b.md", "locales/es-PE/a.es-PE.toml"} {
		for _, f := range formats {
			t.Run(f.name+"/"+doc, func(t *testing.T) {
				p := fixtureProject(t)
				file := exportOne(t, p, f)
				before := snapshot(t, p)
				quoted := doc
				if f.name == "po" {
					quoted = strings.ReplaceAll(doc, `\`, `\\`)
				}
				data := read(t, file)
				data = strings.ReplaceAll(data, "content/a.md", quoted)
				write(t, file, data)
				_, err := f.imp(p, []string{file}, interop.ImportOptions{Force: true})
				if err == nil || !(strings.Contains(err.Error(), "not a clean relative path inside the project") || strings.Contains(err.Error(), "is not a document of this project")) {
					t.Errorf("error %v", err)
				}
				sameFiles(t, p, before)
			})
		}
	}
}

// TestImportLocale: the locale an imported file names must be one of the
// project's target locales, which also keeps it from naming a folder.
func TestImportLocale(t *testing.T) {
	for _, f := range formats {
		for _, locale := range []string{"fr", "../../x", "en"} {
			t.Run(f.name+"/"+locale, func(t *testing.T) {
				p := fixtureProject(t)
				file := exportOne(t, p, f)
				before := snapshot(t, p)
				if f.name == "po" {
					edit(t, file, "Language: es_PE", "Language: "+locale)
				} else {
					edit(t, file, `trgLang="es-PE"`, `trgLang="`+locale+`"`)
				}
				_, err := f.imp(p, []string{file}, interop.ImportOptions{Force: true})
				if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("locale %q is not a target locale of this project", locale)) {
					t.Errorf("error %v", err)
				}
				sameFiles(t, p, before)
			})
		}
	}
}

// TestImportSymlinkEscape: a message folder that is a link out of the
// project is neither read nor written.
func TestImportSymlinkEscape(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			p := fixtureProject(t)
			file := exportOne(t, p, f)
			edit(t, file, f.quote(`para el "Perú"`), f.quote(`para el "Perú" de hoy`))
			outside := t.TempDir()
			target := filepath.Join(outside, "a.es-PE.toml")
			msgs := read(t, filepath.Join(p.Root, messages))
			write(t, target, msgs)
			if err := os.RemoveAll(filepath.Join(p.Root, "locales/es-PE")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(p.Root, "locales/es-PE")); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			_, err := f.imp(p, []string{file}, interop.ImportOptions{Force: true})
			if err == nil || !strings.Contains(err.Error(), "leads outside the project") {
				t.Errorf("error %v", err)
			}
			if read(t, target) != msgs {
				t.Error("the file outside the project changed")
			}
		})
	}
}

func TestImportNeedsSync(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			p := fixtureProject(t)
			file := exportOne(t, p, f)
			write(t, filepath.Join(p.Root, "content/a.md"), exchangetest.Article+"\nA new paragraph.\n")
			before := snapshot(t, p)
			_, err := f.imp(p, []string{file}, interop.ImportOptions{})
			if err == nil || !strings.Contains(err.Error(), "locales/es-PE/a.es-PE.toml: not in step with content/a.md: run `quipu sync` first") {
				t.Errorf("error %v", err)
			}
			if _, err := f.export(p, interop.ExchangeOptions{}); err == nil {
				t.Error("exported messages that are not in step")
			}
			sameFiles(t, p, before)
		})
	}
}

func TestExportOptions(t *testing.T) {
	p := fixtureProject(t)
	if _, err := interop.ExportXLIFF(p, interop.ExchangeOptions{Locale: "fr"}); err == nil || !strings.Contains(err.Error(), `unknown locale "fr"`) {
		t.Errorf("error %v", err)
	}
	out := t.TempDir()
	files, err := interop.ExportPO(p, interop.ExchangeOptions{Locale: "es-PE", Dir: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0] != filepath.Join(out, "a.po") {
		t.Errorf("files %q", files)
	}
}
