package workbench_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestManyTabsLoadAndReload opens more served pages and workbenches than a
// browser opens connections to one server (six): each would hold one with
// an event stream of its own, and the seventh would never load. All load,
// and a saved message file still reloads every page.
func TestManyTabsLoadAndReload(t *testing.T) {
	ctx := browser(t)
	root := seedProject(t)
	base := serveProject(t, root)
	var pages []context.Context
	for i := 0; i < 8; i++ {
		tab, cancel := chromedp.NewContext(ctx)
		t.Cleanup(cancel)
		url := base + "/es-PE/" + seedDoc + ".html"
		if i%2 == 1 {
			url = base + "/edit/es-PE/" + seedDoc
		}
		// the tab is made on its own context: the timeout's end must not close it
		if err := chromedp.Do(tab); err != nil {
			t.Fatal(err)
		}
		tctx, cancel2 := context.WithTimeout(tab, 5*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate(url), chromedp.WaitReady(`body`))
		cancel2()
		if err != nil {
			t.Fatalf("tab %d (%s) did not load: %v", i+1, url, err)
		}
		if i%2 == 0 {
			pages = append(pages, tab)
		}
	}
	for _, tab := range pages {
		waitJS(t, tab, "the page listens", `document.readyState === 'complete'`)
		evalString(t, tab, `(window.notReloaded = 'yes')`)
	}
	// the worker connects as the pages load; give the last one its stream
	time.Sleep(300 * time.Millisecond)
	f := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(b, "\n# a note\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, tab := range pages {
		waitJS(t, tab, "page "+string(rune('1'+i))+" reloaded", `window.notReloaded === undefined && document.readyState === 'complete'`)
	}
}
