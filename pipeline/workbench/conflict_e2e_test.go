package workbench_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWorkbenchConflictShowsDiskAndKeepsDraft types a draft, edits the
// same message by hand, and saves: the refusal shows the words on disk
// beside the draft, and "Keep my draft" lets the next save replace them.
func TestWorkbenchConflictShowsDiskAndKeepsDraft(t *testing.T) {
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
	id := evalString(t, ctx, `document.querySelector('.seg.current').dataset.id`)
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// the hand edit: the message's empty translation gets words
	at := strings.Index(string(b), `["`+id+`"]`)
	if at < 0 {
		t.Fatalf("no message %s in the file", id)
	}
	rest := strings.Replace(string(b[at:]), `other = ""`, `other = "Editado a mano."`, 1)
	if err := os.WriteFile(file, append(b[:at:at], rest...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the note shows the words on disk", `(document.querySelector('.seg.current .disk-copy') || {textContent: ''}).textContent === 'Editado a mano.'`)
	shoot(t, ctx, "workbench-conflict.png")
	if got, _ := os.ReadFile(file); !strings.Contains(string(got), `other = "Editado a mano."`) {
		t.Fatalf("the refused save wrote the file")
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(`//button[text()="Keep my draft"]`),
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "saved", `document.querySelector('.seg.current .status').textContent === 'Saved.'`)
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `other = "`+draft+`"`) || strings.Contains(string(got), "Editado a mano.") {
		t.Errorf("the kept draft did not replace the hand edit")
	}
}
