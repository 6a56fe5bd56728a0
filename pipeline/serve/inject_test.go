package serve_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// securityAttacks reads the translations of docs/SECURITY.md's table of
// attacks (kept equal to pipeline/markdown's own table by its
// TestSecurityDoc), with $SRC, ↵ and ␍ as the table writes them.
func securityAttacks(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "SECURITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`^\| \d+ \| `)
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if !row.MatchString(line) {
			continue
		}
		cols := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), " | ")
		if len(cols) < 5 {
			continue
		}
		text := cols[2]
		fence := text[:strings.IndexFunc(text, func(r rune) bool { return r != '`' })]
		text = strings.TrimSuffix(strings.TrimPrefix(text, fence), fence)
		if len(fence) > 1 {
			text = strings.TrimPrefix(strings.TrimSuffix(text, " "), " ")
		}
		text = strings.NewReplacer("\x00", "|", "↵", "\n", "␍", "\r").Replace(text)
		out[cols[1]] = text
	}
	if len(out) < 40 {
		t.Fatalf("read %d attacks from SECURITY.md", len(out))
	}
	return out
}

// shape is what a page's markup is made of: each element with each of
// its attribute names, and the URLs it links.
func shape(t *testing.T, page []byte) (elems, urls map[string]bool) {
	t.Helper()
	elems, urls = map[string]bool{}, map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return elems, urls
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			elems[tok.Data] = true
			for _, a := range tok.Attr {
				elems[tok.Data+"["+a.Key+"]"] = true
				if a.Key == "href" || a.Key == "src" || a.Key == "action" {
					urls[a.Val] = true
				}
			}
		}
	}
}

// TestHostileTranslationsInjectNothing writes each attack of SECURITY.md
// as the translation of every message of a realistic document and checks
// the served page: no element, attribute or link the untranslated page
// lacks.
func TestHostileTranslationsInjectNothing(t *testing.T) {
	root := seedProject(t)
	src, err := os.ReadFile(filepath.Join("..", "markdown", "testdata", "attack.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "content", "attack.md"), src, 0o644)
	p, _ := project.Open(root)
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "locales", "es-PE", "attack.es-PE.toml")
	clean, _ := os.ReadFile(file)
	_, c := start(t, root)
	msgs := c.messages("es-PE", "attack").Messages
	// The shape of the page untranslated (a rejected translation leaves
	// its segment in English, marked so) and translated harmlessly.
	baseElems, baseURLs := shape(t, served(t, c, "/es-PE/attack.html"))
	translate := func(attack string) {
		data := clean
		for _, m := range msgs {
			var err error
			if data, err = catalog.SetMessage(data, m.ID, strings.ReplaceAll(attack, "$SRC", m.Source), catalog.Translated); err != nil {
				t.Fatal(err)
			}
		}
		os.WriteFile(file, data, 0o644)
	}
	translate("$SRC (es)")
	_, c = start(t, root)
	elems, urls := shape(t, served(t, c, "/es-PE/attack.html"))
	maps.Copy(baseElems, elems)
	maps.Copy(baseURLs, urls)
	for name, attack := range securityAttacks(t) {
		t.Run(name, func(t *testing.T) {
			translate(attack)
			_, c := start(t, root) // a fresh server: no watcher drops the cache here
			page := served(t, c, "/es-PE/attack.html")
			if name == "script element" && !bytes.Contains(page, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
				t.Error("the reader does not see the script as typed")
			}
			elems, urls := shape(t, page)
			for e := range elems {
				if !baseElems[e] {
					t.Errorf("the page gained <%s>", e)
				}
			}
			for u := range urls {
				if !baseURLs[u] {
					t.Errorf("the page gained a link to %q", u)
				}
			}
			if n, want := bytes.Count(page, []byte("<script")), bytes.Count(served(t, c, "/en/attack.html"), []byte("<script")); n != want {
				t.Errorf("%d scripts, the English page has %d", n, want)
			}
		})
	}
}
