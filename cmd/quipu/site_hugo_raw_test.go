package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
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

// TestHugoPercentBodyInHTMLBlockGetsNoTranslatedHTML builds, with the
// real hugo and raw HTML on, a page whose "{{% details %}}" shortcode
// writes its body just after HTML tags on one line
// (<details><summary>…</summary>{{ .Inner }}</details>), so that Hugo's
// Markdown reads the body as part of an HTML block, where a backslash
// escapes nothing, and whose paragraph starts with an inline
// "{{% notice %}}" written as <div class="notice">, which makes the whole
// paragraph such a block: translations that write an unclosed comment, an image
// with an event handler, an SVG with onload or a closing tag there are
// rejected (build --strict fails, plain build keeps the English), text
// with "<" and "&" is written with character references, and the es-pe
// page hugo builds has no element or attribute the English page lacks
// and shows every later paragraph.
func TestHugoPercentBodyInHTMLBlockGetsNoTranslatedHTML(t *testing.T) {
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
	write("hugo.toml", read("hugo.toml")+"\n[markup.goldmark.renderer]\nunsafe = true\n")
	write("layouts/shortcodes/details.html", `<details><summary>{{ .Get "title" }}</summary>{{ .Inner }}</details>`+"\n")
	write("layouts/shortcodes/notice.html", `<div class="notice">{{ .Inner }}</div>`)
	write("content/about.md", read("content/about.md")+`
{{% notice %}}Note:{{% /notice %}} the museum is closed on Mondays.

{{% details title="What to bring" %}}
Bring a *warm* jacket.
{{% /details %}}

The bus leaves from the square.

{{% details title="Altitude" %}}
Walk slowly at altitude.
{{% /details %}}

Drink plenty of water.

{{% details title="Opening hours" %}}
The cathedral opens at *nine* in the morning.
{{% /details %}}

The ticket office closes at noon.
`)
	quipuIn(t, dir, "init", "--hugo")
	quipuIn(t, dir, "sync")
	msgs := "locales/es-PE/about.es-PE.toml"
	toml := read(msgs)
	for _, r := range []struct{ en, es string }{
		{"The cathedral opens at <1>nine</1> in the morning.", "La catedral abre a las <1>nueve</1> de la mañana. <!-- oculto"},
		{"The ticket office closes at noon.", "La boletería cierra al mediodía."},
		{"<1>Note:</1> the museum is closed on Mondays.", "<1>Nota:</1> el museo cierra los lunes. <img src=x onerror=alert(1)>"},
		{"Bring a <1>warm</1> jacket.", "Traiga una chaqueta <1>abrigadora</1>. <img src=x onerror=alert(1)><svg/onload=alert(1)></details><b>x</b>\n<div>"},
		{"The bus leaves from the square.", "El bus sale de la plaza."},
		{"Walk slowly at altitude.", "Camine despacio en la altura: 2 < 3 & &lt;!-- fin."},
		{"Drink plenty of water.", "Tome mucha agua."},
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
		t.Errorf("build --strict passed a translation with HTML in a {{%% %%}} body:\n%s%s", out.String(), errOut.String())
	}
	if said := out.String() + errOut.String(); !strings.Contains(said, "shortcode-html") && !strings.Contains(said, "{{% %}}") {
		t.Errorf("build does not say why the translations were rejected:\n%s", said)
	}
	quipuIn(t, dir, "build")
	placed := read("content/about.es-pe.md")
	for _, want := range []string{
		"\nThe cathedral opens at *nine* in the morning.\n",
		"\nBring a *warm* jacket.\n",
		"\n{{% notice %}}Note:{{% /notice %}} the museum is closed on Mondays.\n",
		"\nCamine despacio en la altura: 2 &#60; 3 &#38; &#38;lt;!-- fin.\n",
	} {
		if !strings.Contains(placed, want) {
			t.Errorf("the placed page lacks %q:\n%s", want, placed)
		}
	}
	cmd := exec.Command(hugo, "--minify=false", "--source", dir, "--destination", filepath.Join(dir, "public"))
	if out, err := cmd.CombinedOutput(); err != nil || bytes.Contains(out, []byte("ERROR")) {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	en, es := parseHTML(t, read("public/about/index.html")), parseHTML(t, read("public/es-pe/about/index.html"))
	if extra := notInPage(markupOf(es), markupOf(en)); extra != "" {
		t.Errorf("the es-pe page hugo built has %s, which the English page lacks:\n%s", extra, read("public/es-pe/about/index.html"))
	}
	text := textOf(es)
	for _, want := range []string{"La boletería cierra al mediodía.", "El bus sale de la plaza.", "Tome mucha agua.", "Camine despacio en la altura: 2 < 3 & &lt;!-- fin."} {
		if !strings.Contains(text, want) {
			t.Errorf("the es-pe page does not show %q; it shows %q", want, text)
		}
	}
}

// parseHTML parses a page hugo built.
func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// markupOf returns the elements and attributes of a page, each once.
func markupOf(n *html.Node) map[string]bool {
	seen := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			seen["<"+n.Data+">"] = true
			for _, a := range n.Attr {
				seen[n.Data+" "+a.Key] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return seen
}

// notInPage returns one of got's entries that want lacks, or "".
func notInPage(got, want map[string]bool) string {
	for k := range got {
		if !want[k] {
			return k
		}
	}
	return ""
}

// textOf returns the text a reader sees on a page: its text nodes, not
// its comments, joined by spaces.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
