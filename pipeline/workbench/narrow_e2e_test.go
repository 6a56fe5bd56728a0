package workbench_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWorkbenchFitsNarrowWindow opens the workbench in windows as narrow as
// a phone or a split screen: nothing is wider than the window (the Open
// button and the progress stay in view) and the segments keep at least
// half of its height.
func TestWorkbenchFitsNarrowWindow(t *testing.T) {
	ctx := browser(t)
	srv := serveFake(t, newFakeServer())
	for _, w := range []int64{360, 420, 600} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(w, 800),
			chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"),
			chromedp.WaitVisible(`#segments article`),
		); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, "progress", `document.getElementById('progress-text').textContent !== '…'`)
		if got := evalString(t, ctx, `[document.documentElement.scrollWidth, document.querySelector('.bar').scrollWidth].join(' ')`); got != fmt.Sprintf("%d %d", w, w) {
			t.Errorf("%dpx: the page and its bar are %s px wide", w, got)
		}
		if got := evalString(t, ctx, `String(document.getElementById('segments').getBoundingClientRect().height >= innerHeight / 2)`); got != "true" {
			t.Errorf("%dpx: the segments have less than half the window", w)
		}
		shoot(t, ctx, fmt.Sprintf("workbench-%dpx.png", w))
	}
}
