package project_test

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// page is what the check reads of a built HTML page.
type builtPage struct {
	lang       string
	alternates map[string]string // hreflang → href
	links      []string
	ids        map[string]bool
}

// readPage parses a page and checks that every element it opens is
// closed in order (void elements aside).
func readPage(t *testing.T, file string) *builtPage {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pg := &builtPage{alternates: map[string]string{}, ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []string
	void := map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		attr := func(k string) string {
			for _, a := range tok.Attr {
				if a.Key == k {
					return a.Val
				}
			}
			return ""
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if id := attr("id"); id != "" {
				if pg.ids[id] {
					t.Errorf("%s: id %q used twice", file, id)
				}
				pg.ids[id] = true
			}
			switch tok.Data {
			case "html":
				pg.lang = attr("lang")
			case "link":
				if attr("rel") == "alternate" {
					pg.alternates[attr("hreflang")] = attr("href")
				}
			case "a":
				pg.links = append(pg.links, attr("href"))
			}
			if tt == html.StartTagToken && !void[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Errorf("%s: </%s> closes %v", file, tok.Data, stack)
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Errorf("%s: elements never closed: %v", file, stack)
	}
	return pg
}

// TestBuiltPages builds the seed article, its translation and pages
// linking to each other in every locale, then reads every page as a
// crawler would: well-formed, in its language, alternates that point at
// each other, and every internal link and anchor leading somewhere.
func TestBuiltPages(t *testing.T) {
	root := t.TempDir()
	testshared.CopyTree(t, filepath.Join("..", "..", "content"), filepath.Join(root, "content"))
	testshared.CopyTree(t, filepath.Join("..", "..", "locales"), filepath.Join(root, "locales"))
	docs := map[string]string{
		"content/guides/start.md":     "# Start here\n\nRead [the article](../us-military-bases-in-peru.html#historical-context) first.\n\n## Next\n\nThen [jump back](#start-here).\n",
		"content/guides/deep/more.md": "# More\n\nSee [the start](../start.html#next).\n",
	}
	for name, text := range docs {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	locales := []string{"en", "es-PE", "qps"}
	if _, err := p.Build(project.BuildOptions{Locales: locales}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "output")
	pages := map[string]*builtPage{} // slash path under output/
	err = filepath.WalkDir(out, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, file)
		pages[filepath.ToSlash(rel)] = readPage(t, file)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3*len(locales) {
		t.Fatalf("built %d pages, want %d", len(pages), 3*len(locales))
	}
	links, anchors := 0, 0
	for name, pg := range pages {
		locale := strings.SplitN(name, "/", 2)[0]
		if pg.lang != locale {
			t.Errorf("%s: lang %q, want %q", name, pg.lang, locale)
		}
		if pg.alternates["x-default"] == "" {
			t.Errorf("%s: no x-default alternate", name)
		}
		for _, l := range locales {
			href, ok := pg.alternates[l]
			if !ok {
				t.Errorf("%s: no alternate for %s", name, l)
				continue
			}
			other := path.Clean(path.Join(path.Dir(name), href))
			op := pages[other]
			if op == nil {
				t.Errorf("%s: alternate %s leads to %s, which was not built", name, l, other)
				continue
			}
			back := path.Clean(path.Join(path.Dir(other), op.alternates[locale]))
			if back != name {
				t.Errorf("%s: %s's alternate for %s is %s, not this page", name, other, locale, back)
			}
		}
		for _, href := range pg.links {
			if strings.Contains(href, "://") || strings.HasPrefix(href, "mailto:") {
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			frag, _ = url.PathUnescape(frag) // as browsers match fragments
			dest := name
			if target != "" {
				dest = path.Clean(path.Join(path.Dir(name), target))
			}
			links++
			tp := pages[dest]
			if tp == nil {
				t.Errorf("%s: link %q leads nowhere (%s)", name, href, dest)
				continue
			}
			if frag != "" {
				anchors++
				if !tp.ids[frag] {
					t.Errorf("%s: link %q: no id %q in %s", name, href, frag, dest)
				}
			}
		}
	}
	t.Logf("%d pages: lang and alternates checked, %d internal links and %d anchors resolve", len(pages), links, anchors)
}
