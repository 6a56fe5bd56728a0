package workbench_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWorkbenchHeldKeyKeepsSegmentInView holds Alt+↓ (the key repeating)
// down a long article to its last segment: the segment it stops on is in
// view.
func TestWorkbenchHeldKeyKeepsSegmentInView(t *testing.T) {
	ctx := browser(t)
	base := serveProject(t, seedProject(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		document.querySelector('.seg.current textarea').focus();
		for (let i = 0; i < 30; i++) document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', code: 'ArrowDown', altKey: true, repeat: true, bubbles: true}));
	})()`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	got := evalString(t, ctx, `(() => {
		const r = document.querySelector('.seg.current').getBoundingClientRect(), box = document.getElementById('segments').getBoundingClientRect();
		return document.querySelector('.seg.current .num').textContent + ' ' + (r.top >= box.top - 1 && r.top < box.bottom);
	})()`)
	if got != "26 true" {
		t.Errorf("after 30 repeats of Alt+↓, segment and in view: %q, want 26 true", got)
	}
}

// TestWorkbenchSaveNextAtTheEndSaysSo saves the last segment a filter
// shows with Ctrl+Enter: there is no next one, and the page says so.
func TestWorkbenchSaveNextAtTheEndSaysSo(t *testing.T) {
	ctx := browser(t)
	base := serveProject(t, seedProject(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
		chromedp.Click(`#filters button[data-filter="untranslated"]`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "two untranslated segments", `[...document.querySelectorAll('#segments article')].filter(a => !a.hidden).length === 2`)
	last := `[...document.querySelectorAll('#segments article')].filter(a => !a.hidden)[1].querySelector('textarea')`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const t = `+last+`; t.focus(); document.execCommand('insertText', false, 'Para entender la presencia militar de EE. UU. hoy'); })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "saved", `document.querySelector('.seg.current .status').textContent.startsWith('Saved.')`)
	if got := evalString(t, ctx, `document.querySelector('.seg.current .status').textContent`); !strings.Contains(got, "last segment this filter shows") {
		t.Errorf("status %q says nothing of the end", got)
	}
}
