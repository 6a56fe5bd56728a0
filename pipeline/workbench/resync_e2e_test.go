package workbench_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestDraftSurvivesSyncChangingItsID types a draft, then the editor fixes
// the segment's English and syncs, which gives the message a new ID: the
// draft stays, on the segment with the new English, flagged, instead of
// vanishing with the old ID.
func TestDraftSurvivesSyncChangingItsID(t *testing.T) {
	ctx := browser(t)
	root := seedProject(t)
	base := serveProject(t, root)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
		chromedp.Click(`#filters button[data-filter="untranslated"]`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "two untranslated segments", `[...document.querySelectorAll('#segments article')].filter(a => !a.hidden).length === 2`)
	draft := "Lean el texto <1>completo</1> del <2>acuerdo</2> antes de juzgarlo."
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector('.seg:not([hidden]) textarea'); t.focus(); t.select(); document.execCommand('insertText', false, '`+draft+`'); })()`)); err != nil {
		t.Fatal(err)
	}
	old := evalString(t, ctx, `document.querySelector('.seg.current').dataset.id`)
	src := filepath.Join(root, "content", seedDoc+".md")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "before you judge it.", "before you judge it all.", 1)
	if err := os.WriteFile(src, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the new English shows", `[...document.querySelectorAll('.seg .source')].some(e => e.textContent.endsWith('judge it all.'))`)
	if id := evalString(t, ctx, `document.querySelector('.seg.current').dataset.id`); id == old {
		t.Fatalf("the message kept its ID %s: the test changes nothing", id)
	}
	waitJS(t, ctx, "the draft is on the segment with the new English", `(() => { const c = document.querySelector('.seg.current'); return c.querySelector('.source').textContent.endsWith('judge it all.') && c.querySelector('textarea').value === '`+draft+`'; })()`)
	// saved, it lands on the message's new ID
	if err := chromedp.Do(ctx, chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "saved", `document.querySelector('.seg.current .status').textContent === 'Saved.'`)
	got, err := os.ReadFile(filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `other = "`+draft+`"`) {
		t.Errorf("the draft was not saved")
	}
}
