package serve_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestAPIProgressAgreesWithStatus: the workbench's progress counts a
// document as quipu status does (resolve's verdicts), with a rejected, a
// fuzzy, a missing and a fallback translation, and names the rejected
// message's state so.
func TestAPIProgressAgreesWithStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	translate := func(name, english, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(`(?s)(en: ` + regexp.QuoteMeta(english) + `\n.*?other = )""`)
		if !re.Match(data) {
			t.Fatalf("%s: no empty message for %q in\n%s", name, english, data)
		}
		os.WriteFile(path, re.ReplaceAll(data, []byte(`${1}"`+text+`"`)), 0o644)
	}
	sync := func() {
		t.Helper()
		p, err := project.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Sync(project.SyncOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	write("quipu.toml", "locales = [\"es\", \"es-PE\"]\n")
	write("content/a.md", "# Cars\n\nBuy a *car* today.\n\nWe sell them.\n\nWe open at eight every day of the week.\n\nCall us.\n")
	sync()
	translate("locales/es/a.es.toml", "Cars", "Coches")                                               // fallback
	translate("locales/es-PE/a.es-PE.toml", "Buy a <1>car</1> today.", "Compra un <2>carro</2> hoy.") // rejected
	translate("locales/es-PE/a.es-PE.toml", "We sell them.", "Los vendemos.")
	translate("locales/es-PE/a.es-PE.toml", "We open at eight every day of the week.", "Abrimos a las ocho todos los días de la semana.")
	sync()
	write("content/a.md", "# Cars\n\nBuy a *car* today.\n\nWe sell them.\n\nWe open at nine every day of the week.\n\nCall us.\n")
	sync()

	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := p.Status([]string{"es-PE"})
	if err != nil || len(st) != 1 {
		t.Fatalf("status: %v %+v", err, st)
	}
	want := st[0]
	if want.Translated != 2 || want.Rejected != 1 || want.Stale != 1 || want.Missing != 1 {
		t.Fatalf("the project is not what this test needs: %+v", want)
	}
	_, c := start(t, dir)
	d := c.messages("es-PE", "a")
	got := d.Progress
	if got.Total != want.Total || got.Translated != want.Translated || got.Reviewed != want.Reviewed ||
		got.Fuzzy != want.Stale || got.Machine != want.Machine || got.Aligned != want.Aligned ||
		got.Rejected != want.Rejected || got.Untranslated != want.Missing {
		t.Errorf("progress %+v, status %+v", got, want)
	}
	states := map[string]string{}
	for _, m := range d.Messages {
		states[m.Source] = m.State
	}
	if s := states["Buy a <1>car</1> today."]; s != "rejected" {
		t.Errorf("the rejected message's state is %q", s)
	}
}
