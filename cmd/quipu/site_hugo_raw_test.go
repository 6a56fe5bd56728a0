package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHugoShortcodeBodyGetsNoTranslatedHTML builds, with the real hugo, a
// page whose "{{< raw >}}" shortcode prints its body as it is (Hugo runs
// no Markdown on a {{< >}} body): a translation that writes a script and
// an image with an event handler there is rejected (build --strict
// fails, plain build keeps the English), and the es-pe page hugo builds
// has neither; text without HTML is written as it is, but for the
// escapes Markdown would need, written as character references, which
// read the same in Markdown and in HTML.
func TestHugoShortcodeBodyGetsNoTranslatedHTML(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (Debian's hugo package; .ci/run installs it): the real-site build is not tested")
	}
	dir := siteFixture(t, "hugo")
	write := func(rel, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write("layouts/shortcodes/raw.html", "{{ .Inner }}\n")
	write("content/about.md", read("content/about.md")+"\n{{< raw >}}\nKeep this text raw.\n{{< /raw >}}\n\n{{< raw >}}\nAlso *this* one.\n{{< /raw >}}\n")
	quipuIn(t, dir, "init", "--hugo")
	quipuIn(t, dir, "sync")
	msgs := "locales/es-PE/about.es-PE.toml"
	toml := read(msgs)
	for _, r := range []struct{ en, es string }{
		{"Keep this text raw.", `Texto <script>alert(1)</script><img src=x onerror=alert(1)>`},
		{"Also <1>this</1> one.", `También <1>este</1> {uno} y 2 < 3.`},
	} {
		i := strings.Index(toml, "#. en: "+r.en)
		j := -1
		if i >= 0 {
			j = strings.Index(toml[i:], `other = ""`)
		}
		if j < 0 {
			t.Fatalf("sync wrote no empty message for %q:\n%s", r.en, toml)
		}
		toml = toml[:i+j] + "other = " + tomlQuote(r.es) + toml[i+j+len(`other = ""`):]
	}
	write(msgs, toml)

	var out, errOut bytes.Buffer
	if code := run([]string{"quipu", "-C", dir, "build", "--strict"}, &out, &errOut); code == 0 {
		t.Errorf("build --strict passed a translation with HTML in a {{< >}} body:\n%s%s", out.String(), errOut.String())
	}
	if said := out.String() + errOut.String(); !strings.Contains(said, "shortcode-html") && !strings.Contains(said, "{{< >}}") {
		t.Errorf("build does not say why the translation was rejected:\n%s", said)
	}
	quipuIn(t, dir, "build")
	placed := read("content/about.es-pe.md")
	if !strings.Contains(placed, "\nKeep this text raw.\n") {
		t.Errorf("the rejected translation's segment does not keep its English:\n%s", placed)
	}
	if !strings.Contains(placed, "También *este* &#123;uno&#125; y 2 < 3.") {
		t.Errorf("text in a {{< >}} body is not written with character references:\n%s", placed)
	}
	cmd := exec.Command(hugo, "--minify=false", "--source", dir, "--destination", filepath.Join(dir, "public"))
	if out, err := cmd.CombinedOutput(); err != nil || bytes.Contains(out, []byte("ERROR")) {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	page := read("public/es-pe/about/index.html")
	for _, bad := range []string{"<script", "onerror"} {
		if strings.Contains(page, bad) {
			t.Errorf("the es-pe page hugo built has %s from a translation:\n%s", bad, page)
		}
	}
	if !strings.Contains(page, "También *este* &#123;uno&#125; y 2 < 3.") {
		t.Errorf("the es-pe page lacks the translated body:\n%s", page)
	}
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}
