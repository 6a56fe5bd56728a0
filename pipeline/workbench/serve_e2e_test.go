package workbench_test

import (
	"context"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/serve"
)

const seedDoc = "us-military-bases-in-peru"

var update = flag.Bool("update", false, "rewrite docs/workbench.png, the README's screenshot, from the seed article")

// seedProject is a copy of the repository's own project in which the
// English changed under one translation (fuzzy) and gained a paragraph
// with markup and a heading like another one (untranslated), synced.
func seedProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "locales"} {
		err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d)))
		if err != nil {
			t.Fatal(err)
		}
	}
	src := filepath.Join(dir, "content", seedDoc+".md")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "take a quick trip back in time", "take a short trip back in time", 1)
	s = strings.Replace(s, "## Understanding US Military Presence\n", "## Understanding US Military Presence\n\nRead the *full* text of the [cooperation agreement](https://example.org/agreement) before you judge it.\n\n### Understanding the US Military Presence\n", 1)
	if err := os.WriteFile(src, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serveProject runs quipu's server over root on a free loopback port.
func serveProject(t *testing.T, root string) string {
	t.Helper()
	s, err := serve.New(root, serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + l.Addr().String()
}

// TestWorkbenchOnQuipuServe opens the workbench of quipu's own server on
// the seed article, translates the new paragraph with its tags, saves, and
// sees the message file and the served page change.
func TestWorkbenchOnQuipuServe(t *testing.T) {
	ctx := browser(t)
	root := seedProject(t)
	base := serveProject(t, root)
	cur := `.seg.current`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
		chromedp.Click(`#filters button[data-filter="untranslated"]`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "two untranslated segments", `[...document.querySelectorAll('#segments article')].filter(a => !a.hidden).length === 2`)
	if got := evalString(t, ctx, `document.querySelector('.seg:not([hidden]) .source').textContent`); got != "Read the <1>full</1> text of the <2>cooperation agreement</2> before you judge it." {
		t.Fatalf("the untranslated segment reads %q", got)
	}
	alt := chromedp.KeyModifiers(chromedp.ModifierAlt)
	ed := `.seg:not([hidden]) textarea`
	if err := chromedp.Do(ctx,
		chromedp.Click(ed),
		chromedp.SendKeys(ed, "Lean el texto "), chromedp.KeyEvent("t", alt),
		chromedp.SendKeys(ed, "completo"), chromedp.KeyEvent("t", alt),
		chromedp.SendKeys(ed, " del "), chromedp.KeyEvent("t", alt),
		chromedp.SendKeys(ed, "acuerdo de cooperación"), chromedp.KeyEvent("t", alt),
		chromedp.SendKeys(ed, " antes de juzgarlo."),
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	); err != nil {
		t.Fatal(err)
	}
	want := "Lean el texto <1>completo</1> del <2>acuerdo de cooperación</2> antes de juzgarlo."
	waitJS(t, ctx, "saved", `document.querySelector('`+cur+` .status').textContent === 'Saved.'`)
	waitJS(t, ctx, "the page shows the translation", previewText+`.includes('Lean el texto completo del acuerdo de cooperación antes de juzgarlo.')`)
	waitJS(t, ctx, "the preview marks it", `((document.getElementById('preview').contentDocument || {}).querySelector && document.getElementById('preview').contentDocument.querySelector('.quipu-current') || {textContent: ''}).textContent.startsWith('Lean el texto completo')`)
	b, err := os.ReadFile(filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `other = "`+want+`"`) {
		t.Errorf("the message file lacks the translation")
	}
	if got := evalString(t, ctx, `document.getElementById('progress-text').textContent`); !strings.HasPrefix(got, "24 of 26 translated") {
		t.Errorf("progress: %q", got)
	}
	// The next segment, a new heading: the glossary's term and the memory's
	// suggestion for the heading it resembles; Alt+1 takes the suggestion.
	if err := chromedp.Do(ctx,
		chromedp.Click(`#filters button[data-filter="all"]`),
		chromedp.KeyEvent(kb.ArrowDown, alt),
	); err != nil {
		t.Fatal(err)
	}
	// the heading itself is marked, not its entry in the table of contents
	waitJS(t, ctx, "the preview marks the heading", `(document.getElementById('preview').contentDocument.querySelector('.quipu-current') || {}).tagName === 'H3'`)
	waitJS(t, ctx, "the new heading", `document.querySelector('`+cur+` .source').textContent === 'Understanding the US Military Presence'`)
	waitJS(t, ctx, "its suggestion", `!!document.querySelector('`+cur+` .suggestion')`)
	if got := evalString(t, ctx, `document.querySelector('`+cur+` .suggestion .stext').textContent + ' | ' + document.querySelector('`+cur+` .glossary').textContent`); !strings.Contains(got, "Para entender la presencia militar de EE. UU. |") || !strings.Contains(got, "presencia militar") {
		t.Errorf("aids: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("1", alt)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('`+cur+` textarea').value`); got != "Para entender la presencia militar de EE. UU." {
		t.Errorf("Alt+1 gave %q", got)
	}
	png := shoot(t, ctx, "workbench-seed.png")
	if *update {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "workbench.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The fuzzy segment: its word diff above the editor; a hostile
	// translation saved there shows as text in the page.
	if err := chromedp.Do(ctx,
		chromedp.Click(`#filters button[data-filter="fuzzy"]`),
		chromedp.Click(`.seg[data-state="fuzzy"] textarea`),
	); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('`+cur+` .diff del').textContent + '|' + document.querySelector('`+cur+` .diff ins').textContent`); got != "quick|short" {
		t.Errorf("diff parts: %q", got)
	}
	shoot(t, ctx, "workbench-fuzzy-seed.png")
	hostileText := `<img src=x onerror="window.__pwned=1"> </script><script>window.__pwned=2</script>`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector('`+cur+` textarea'); t.focus(); t.select(); document.execCommand('insertText', false, `+"`"+hostileText+"`"+`); })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	// quipu refuses markup typed as text: nothing is written, and the
	// reasons show under the editor.
	waitJS(t, ctx, "refused", `document.querySelector('`+cur+` .status').textContent === 'Not saved: fix the errors below.'`)
	waitJS(t, ctx, "its reasons shown", `document.querySelector('`+cur+` .problems').textContent.includes('HTML <img src=x onerror="window.__pwned=1"> in a translation is shown as text')`)
	after, err := os.ReadFile(filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(b) {
		t.Errorf("a refused translation changed the message file")
	}
	if got := evalString(t, ctx, `(() => { const d = document.getElementById('preview').contentDocument; return String(d.querySelectorAll('img[src=x]').length) + ' ' + String(window.__pwned) + ' ' + String(d.defaultView.__pwned); })()`); got != "0 undefined undefined" {
		t.Errorf("a translation became markup: %s", got)
	}
}

// Two tabs on one document: saves of different messages both land; the
// second save of one message both tabs opened is told "changed on disk".
func TestWorkbenchTwoTabsOnQuipuServe(t *testing.T) {
	a := browser(t)
	b := browser(t)
	root := seedProject(t)
	base := serveProject(t, root)
	for _, ctx := range []context.Context{a, b} {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
			chromedp.WaitVisible(`#segments article textarea`),
			chromedp.Click(`#filters button[data-filter="untranslated"]`),
		); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, "two untranslated segments", `[...document.querySelectorAll('#segments article')].filter(a => !a.hidden).length === 2`)
	}
	ctrlS := chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	// typeIn replaces the translation of the segment whose English starts
	// with english, and saves.
	typeIn := func(ctx context.Context, english, text string) {
		t.Helper()
		sel := `[...document.querySelectorAll('#segments article')].find(a => a.querySelector('.source').textContent.startsWith('` + english + `')).querySelector('textarea')`
		if err := chromedp.Do(ctx, chromedp.Click(`#filters button[data-filter="all"]`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const t = `+sel+`; t.focus(); t.select(); document.execCommand('insertText', false, `+"`"+text+"`"+`); })()`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, ctrlS); err != nil {
			t.Fatal(err)
		}
	}
	heading := "Para entender la presencia militar de EE. UU. hoy"
	paragraph := "Lean el texto <1>completo</1> del <2>acuerdo de cooperación</2> antes de juzgarlo."
	typeIn(a, "Read the", paragraph)
	waitJS(t, a, "tab A saved", `document.querySelector('.seg.current .status').textContent === 'Saved.'`)
	typeIn(b, "Understanding the", heading)
	waitJS(t, b, "tab B saved", `document.querySelector('.seg.current .status').textContent === 'Saved.'`)
	file := filepath.Join(root, "locales", "es-PE", seedDoc+".es-PE.toml")
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{paragraph, heading} {
		if !strings.Contains(string(got), `other = "`+want+`"`) {
			t.Errorf("the message file lacks %q", want)
		}
	}

	// Both tabs edit the same message: A types a draft, B saves first;
	// A's save is refused, B's words stay.
	if _, err := chromedp.Run(a, chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector('.seg.current textarea'); t.focus(); t.select(); document.execCommand('insertText', false, 'Lean el texto <1>entero</1> del <2>acuerdo</2>.'); })()`)); err != nil {
		t.Fatal(err)
	}
	// B learns of A's save through /events before it edits the same
	// message; a save from a page that never heard of it would rightly be
	// refused as stale.
	waitJS(t, b, "tab B shows tab A's paragraph", `[...document.querySelectorAll('#segments article')].find(a => a.querySelector('.source').textContent.startsWith('Read the')).querySelector('textarea').value === `+"`"+paragraph+"`")
	typeIn(b, "Read the", "Lean <1>todo</1> el <2>acuerdo</2>.")
	waitJS(t, b, "tab B saved the paragraph", `document.querySelector('.seg.current .status').textContent === 'Saved.'`)
	if err := chromedp.Do(a, ctrlS); err != nil {
		t.Fatal(err)
	}
	waitJS(t, a, "tab A told", `document.querySelector('.seg.current .status').textContent === 'Not saved: changed on disk, reload.'`)
	waitJS(t, a, "the preview marks B's words", `(document.getElementById('preview').contentDocument.querySelector('.quipu-current') || {textContent: ''}).textContent === 'Lean todo el acuerdo.'`)
	shoot(t, a, "workbench-two-tabs.png")
	got, err = os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `other = "Lean <1>todo</1> el <2>acuerdo</2>."`) {
		t.Errorf("tab B's save was overwritten")
	}
}
