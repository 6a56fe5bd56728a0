package workbench

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func render(t *testing.T, d Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderTokenMeta(t *testing.T) {
	out := render(t, Data{Locale: "es-PE", Doc: "common/tar", Token: "s3cr3t-tok"})
	for _, want := range []string{
		`<meta name="quipu-token" content="s3cr3t-tok">`,
		`data-locale="es-PE"`,
		`data-doc="common/tar"`,
		`<title>common/tar · es-PE · quipu workbench</title>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// Everything the server hands over is escaped: a document or locale name
// cannot add markup, and the token cannot leave its attribute.
func TestRenderEscapesData(t *testing.T) {
	evil := `"><script>alert(1)</script><img src=x onerror=alert(2)>`
	out := render(t, Data{Locale: evil, Doc: evil, Token: evil, Locales: []string{evil, "es-PE"}, Docs: []string{evil}})
	if strings.Contains(out, "<script>alert") || strings.Contains(out, "<img") {
		t.Fatalf("markup from Data reached the page:\n%s", out)
	}
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("%d script elements, want the page's one", n)
	}
	if !strings.Contains(out, `content="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"`) {
		t.Errorf("token not escaped as an attribute value")
	}
}

func TestRenderMenus(t *testing.T) {
	out := render(t, Data{Locale: "es-PE", Doc: "a", Locales: []string{"de", "es-PE"}, Docs: []string{"a", "common/tar"}})
	for _, want := range []string{`<option>de</option>`, `<option selected>es-PE</option>`, `<option value="common/tar">`} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// A server that knows no locales still gets a working menu.
	if out := render(t, Data{Locale: "es-PE", Doc: "a"}); !strings.Contains(out, `<option selected>es-PE</option>`) {
		t.Errorf("no locale menu without Locales")
	}
}

// Each page gets its own nonce, and the policy lets only that nonce run.
func TestRenderNonceAndPolicy(t *testing.T) {
	re := regexp.MustCompile(`script-src 'nonce-([A-Za-z0-9_-]{20,})'`)
	a, b := render(t, Data{}), render(t, Data{})
	ma, mb := re.FindStringSubmatch(a), re.FindStringSubmatch(b)
	if ma == nil || mb == nil {
		t.Fatalf("no script nonce in the policy")
	}
	if ma[1] == mb[1] {
		t.Errorf("two pages share the nonce %s", ma[1])
	}
	if !strings.Contains(a, `<script nonce="`+ma[1]+`">`) || !strings.Contains(a, `<style nonce="`+ma[1]+`">`) {
		t.Errorf("the page's script or style lacks its nonce")
	}
}

// The page loads nothing from another origin: it works offline.
func TestRenderNoExternalResources(t *testing.T) {
	out := render(t, Data{Locale: "es-PE", Doc: "a"})
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).FindString(out); m != "" {
		t.Errorf("external resource: %s", m)
	}
	if strings.Contains(out, "@import") || strings.Contains(out, "url(http") {
		t.Errorf("the style loads something from outside")
	}
}

// The script never turns data into markup: no innerHTML and its kin.
func TestScriptWritesNoMarkup(t *testing.T) {
	for _, f := range []string{"workbench.js", "tags.js", "draw.js", "aids.js"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if bytes.Contains(src, []byte(bad)) {
				t.Errorf("%s uses %s", f, bad)
			}
		}
	}
}

// The preview shows the site's page on the workbench's own origin: a script
// of that page (raw HTML in the English, a template's analytics) must not
// run there, where it could read the token and save translations, or open
// a dialog that stops the workbench. The sandbox keeps the origin, so the
// workbench can still outline the current segment in it.
func TestRenderPreviewRunsNoScript(t *testing.T) {
	out := render(t, Data{Locale: "es-PE", Doc: "a"})
	m := regexp.MustCompile(`<iframe id="preview"[^>]*>`).FindString(out)
	if m == "" {
		t.Fatal("no preview frame")
	}
	if !strings.Contains(m, `sandbox="allow-same-origin"`) || strings.Contains(m, "allow-scripts") {
		t.Errorf("preview frame may run the page's scripts: %s", m)
	}
}
