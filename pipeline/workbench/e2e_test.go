package workbench_test

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdpage "github.com/chromedp/cdproto/page"
	cdruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// One Chromium serves every test of the package, a tab each: starting it
// is most of a test's time.
var (
	shared     context.Context
	sharedErr  string
	sharedOnce sync.Once
	sharedStop = func() {}
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	sharedStop()
	os.Exit(code)
}

func startBrowser() {
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		sharedErr = "no Chromium on PATH (Debian: apt-get install chromium): skipping the browser test"
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.WindowSize(1440, 900),
		chromedp.Flag("lang", "en-US"),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancel2 := chromedp.NewContext(actx)
	sharedStop = func() { cancel2(); cancel() }
	if err := chromedp.Do(bctx); err != nil {
		sharedErr = fmt.Sprintf("Chromium did not start (%v): skipping the browser test", err)
		return
	}
	shared = bctx
}

// browser opens a tab of headless Chromium for one test, or skips the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser tests are left out of -short")
	}
	sharedOnce.Do(startBrowser)
	if shared == nil {
		t.Skip(sharedErr)
	}
	ctx, cancel := chromedp.NewContext(shared)
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1440, 900)); err != nil {
		t.Fatal(err)
	}
	// A dialog means some data ran as script; an uncaught exception, a
	// fault of the page's own.
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *cdpage.EventJavascriptDialogOpening:
			t.Errorf("a %s dialog opened: %q", e.Type, e.Message)
		case *cdruntime.EventExceptionThrown:
			if d := e.ExceptionDetails; d != nil {
				t.Errorf("the page threw: %s %s", d.Text, describe(d))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

func describe(d *cdruntime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// serveFake starts h on loopback; it closes before the browser does, dropping
// the page's event stream, which would otherwise hold Close.
func serveFake(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	return srv
}

// artifacts is where screenshots go: $QUIPU_ARTIFACTS, or the test's temp dir.
func artifacts(t *testing.T) string {
	if d := os.Getenv("QUIPU_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func shoot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(artifacts(t), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	return png
}

// waitJS polls a JavaScript condition until it holds.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
			t.Fatalf("%s: not within 10s; the page reads:\n%s", what, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// previewText reads the preview, empty while it loads.
const previewText = `((document.getElementById('preview').contentDocument || {}).body || {textContent: ''}).textContent`

func seg(n int) string { return `#segments article:nth-of-type(` + string(rune('0'+n)) + `)` }

// TestWorkbenchEndToEnd opens the workbench, types a translation, saves it
// and sees the preview change; a screenshot is kept as an artifact.
func TestWorkbenchEndToEnd(t *testing.T) {
	ctx := browser(t)
	fake := newFakeServer()
	srv := serveFake(t, fake)
	start := time.Now()

	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"),
		chromedp.WaitVisible(seg(5)+` textarea`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "preview loaded", previewText+`.includes('Primeros pasos')`)
	// The preview marks the heading itself, not its entry in the contents.
	waitJS(t, ctx, "the heading marked", `(document.getElementById('preview').contentDocument.querySelector('.quipu-current') || {}).tagName === 'H1'`)
	// The current segment's English underlines its glossary terms.
	if got := evalString(t, ctx, `[...document.querySelectorAll('`+seg(1)+` .source .term-hit')].map(e => e.textContent + ' (' + e.title + ')').join()`); got != "Getting started (getting started → primeros pasos)" {
		t.Errorf("terms marked: %q", got)
	}
	if got := evalString(t, ctx, `document.getElementById('progress-text').textContent`); got != "2 of 5 translated · 1 reviewed · 1 fuzzy" {
		t.Errorf("progress = %q", got)
	}

	// Type a translation into the untranslated paragraph, tags by key.
	if err := chromedp.Do(ctx,
		chromedp.Click(seg(2)+` textarea`),
		chromedp.SendKeys(seg(2)+` textarea`, "Instale la herramienta con "),
		chromedp.KeyEvent("t", chromedp.KeyModifiers(chromedp.ModifierAlt)), // Alt+T: <1>
		chromedp.SendKeys(seg(2)+` textarea`, "go install"),
		chromedp.KeyEvent("t", chromedp.KeyModifiers(chromedp.ModifierAlt)), // </1>
		chromedp.SendKeys(seg(2)+` textarea`, " y ejecute "),
		chromedp.KeyEvent("t", chromedp.KeyModifiers(chromedp.ModifierAlt)), // <2/>
		chromedp.SendKeys(seg(2)+` textarea`, " en su proyecto."),
	); err != nil {
		t.Fatal(err)
	}
	want := "Instale la herramienta con <1>go install</1> y ejecute <2/> en su proyecto."
	if got := evalString(t, ctx, `document.querySelector('`+seg(2)+` textarea').value`); got != want {
		t.Fatalf("editor holds %q, want %q", got, want)
	}
	if got := evalString(t, ctx, `[...document.querySelectorAll('`+seg(2)+` .mirror mark')].map(m => m.textContent).join(' ')`); got != "<1> </1> <2/>" {
		t.Errorf("tags marked in the editor: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil { // Ctrl+S
		t.Fatal(err)
	}
	waitJS(t, ctx, "saved", `document.querySelector('`+seg(2)+` .status').textContent === 'Saved.'`)
	waitJS(t, ctx, "preview shows the translation", previewText+`.includes('Instale la herramienta con go install y ejecute  en su proyecto.')`)
	waitJS(t, ctx, "the segment is highlighted in the preview",
		`(document.getElementById('preview').contentDocument.querySelector('.quipu-current')||{}).textContent === 'Instale la herramienta con go install y ejecute  en su proyecto.'`)
	if got := evalString(t, ctx, `document.querySelector('`+seg(2)+` .badge').textContent`); got != "translated" {
		t.Errorf("badge after save = %q", got)
	}
	if got := fake.find("guide/start.install-the-tool-4d5e6f").Text; got != want {
		t.Errorf("server got %q", got)
	}
	shoot(t, ctx, "workbench.png")
	t.Logf("end-to-end: %v", time.Since(start).Round(time.Millisecond))
}

// A message's source and translation are text, whatever they hold.
func TestWorkbenchShowsHostileTextAsText(t *testing.T) {
	ctx := browser(t)
	srv := serveFake(t, newFakeServer())
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"),
		chromedp.WaitVisible(seg(4)+` textarea`),
		chromedp.Click(seg(4)+` textarea`),
	); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('`+seg(4)+` .source').textContent`); got != hostile {
		t.Errorf("source shows %q", got)
	}
	if got := evalString(t, ctx, `document.querySelector('`+seg(4)+` textarea').value`); got != hostile {
		t.Errorf("editor holds %q", got)
	}
	if got := evalString(t, ctx, `String(document.querySelectorAll('#segments img, #segments script, #segments b').length) + ' ' + String(window.__pwned)`); got != "0 undefined" {
		t.Errorf("data became markup: %s", got)
	}
}

// A stale version is "changed on disk, reload"; a broken tag is refused
// with its problem shown beside the editor, and nothing is written.
func TestWorkbenchConflictAndRefusal(t *testing.T) {
	ctx := browser(t)
	fake := newFakeServer()
	srv := serveFake(t, fake)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"),
		chromedp.WaitVisible(seg(5)+` textarea`),
		chromedp.Click(seg(5)+` textarea`),
		chromedp.SendKeys(seg(5)+` textarea`, "Lea el <9>manual</9>."),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "findings as one types", `document.querySelector('`+seg(5)+` .problems').textContent.includes('tag <9> is not in the English')`)
	shoot(t, ctx, "workbench-findings.png")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "422 shown", `document.querySelector('`+seg(5)+` .status').textContent === 'Not saved: fix the errors below.'`)
	if m := fake.find("guide/start.read-the-manual-aa11bb"); m.Text != "" {
		t.Errorf("a refused translation was written: %q", m.Text)
	}

	fake.touch("guide/start.read-the-manual-aa11bb", "Lea el manual (a mano).")
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector('`+seg(5)+` textarea'); t.select(); document.execCommand('insertText', false, 'Lea el <1>manual</1>.'); })()`),
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "409 shown", `!!(document.querySelector('`+seg(5)+` .conflict')||{textContent:''}).textContent.includes('Changed on disk, reload.')`)
	shoot(t, ctx, "workbench-conflict.png")
	if m := fake.find("guide/start.read-the-manual-aa11bb"); m.Text != "Lea el manual (a mano)." {
		t.Errorf("a stale save was written: %q", m.Text)
	}
	// A click through the page: the findings' answer may redraw the button
	// between a query and a mouse click.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('`+seg(5)+` .conflict button').click()`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "reloaded from disk", `document.querySelector('`+seg(5)+` textarea').value === 'Lea el manual (a mano).'`)

	// A server restarted since the page loaded has a new token: the page
	// says so instead of failing quietly.
	fake.mu.Lock()
	fake.token = "a-new-run"
	fake.mu.Unlock()
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(seg(5)+` textarea`, " Ya."),
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "403 shown", `!document.getElementById('banner').hidden && document.getElementById('banner-text').textContent.includes('refused this page')`)
}

// The fuzzy message shows its old English as a word diff; the filters and
// the keyboard walk the segments.
func TestWorkbenchFuzzyFiltersKeys(t *testing.T) {
	ctx := browser(t)
	srv := serveFake(t, newFakeServer())
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"),
		chromedp.WaitVisible(seg(5)+` textarea`),
		chromedp.Click(`#filters button[data-filter="fuzzy"]`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "fuzzy filter", `[...document.querySelectorAll('#segments article')].filter(a => !a.hidden).length === 1`)
	if got := evalString(t, ctx, `document.querySelector('.seg.current .diff del').textContent + '|' + document.querySelector('.seg.current .diff ins').textContent`); got != "fast|not slow" {
		t.Errorf("diff shows %q", got)
	}
	shoot(t, ctx, "workbench-fuzzy.png")
	if err := chromedp.Do(ctx,
		chromedp.Click(`#filters button[data-filter="all"]`),
		chromedp.Click(seg(1)+` textarea`),
		chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierAlt)), // Alt+Down
		chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierAlt)),
	); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('.seg.current .num').textContent + ' ' + (document.activeElement === document.querySelector('.seg.current textarea'))`); got != "3 true" {
		t.Errorf("after Alt+Down twice: %s", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierAlt))); err != nil { // Alt+Up
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('.seg.current .num').textContent`); got != "2" {
		t.Errorf("after Alt+Up: segment %s", got)
	}
	// Alt+C copies the English, Alt+1 takes the first suggestion.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("c", chromedp.KeyModifiers(chromedp.ModifierAlt))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('.seg.current textarea').value`); !strings.HasPrefix(got, "Install the tool") {
		t.Errorf("after Alt+C: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.seg.current .suggestion`)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('.seg.current textarea').value`); !strings.HasPrefix(got, "Instale la herramienta") {
		t.Errorf("after a click on the suggestion: %q", got)
	}
	// Ctrl+Shift+Enter saves as reviewed and moves on; Ctrl+Enter saves
	// (a fuzzy message becomes translated) and moves on.
	shift := chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter, shift)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "reviewed, then the next", `document.querySelector('`+seg(2)+` .badge').textContent === 'reviewed' && document.querySelector('.seg.current .num').textContent === '3'`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "translated, then the next", `document.querySelector('`+seg(3)+` .badge').textContent === 'translated' && document.querySelector('.seg.current .num').textContent === '4'`)
	if got := evalString(t, ctx, `document.getElementById('progress-text').textContent`); got != "4 of 5 translated · 2 reviewed" {
		t.Errorf("progress: %q", got)
	}
}

// The page's own reading of tags, diffs and offsets, case by case.
func TestWorkbenchTagLogic(t *testing.T) {
	ctx := browser(t)
	srv := serveFake(t, newFakeServer())
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"), chromedp.WaitVisible(`#segments article`)); err != nil {
		t.Fatal(err)
	}
	const problems = `(s, d) => quipuTags.problems(s, d).map(p => p.severity + ': ' + p.message).join('; ')`
	for _, c := range []struct{ expr, want string }{
		{`(` + problems + `)('Read <1>it</1>.', 'Léelo <1>ya</1>.')`, ``},
		{`(` + problems + `)('Read <1>it</1>.', '')`, ``},
		{`(` + problems + `)('Read <1>it</1>.', 'Lee <9>eso</9>.')`, `error: tag <9> is not in the English; error: tag </9> is not in the English; warning: tag <1> of the English is missing`},
		{`(` + problems + `)('Read <1>it</1>.', 'Lee <1>eso.')`, `error: tag <1> is not closed`},
		{`(` + problems + `)('Read <1>it</1>.', 'Lee </1>eso<1>.')`, `error: tag </1> closes what is not open; error: tag <1> is not closed`},
		{`(` + problems + `)('Run <2/>.', 'Ejecuta <2/> y <2/>.')`, `error: tag <2/> is there twice`},
		{`(` + problems + `)('Run <2/>.', 'Ejecuta <2')`, `warning: "<2" looks like a half-typed tag; warning: tag <2/> of the English is missing`},
		{`quipuTags.next('a <1>b</1> c <2/>', 'x <1>y')`, `</1>`},
		{`quipuTags.next('a <1>b</1> c <2/>', 'x <1>y</1> <2/>')`, ``},
		{`quipuTags.diff('It is [-so-] {+not+} safe.').map(p => p.del !== undefined ? '-' + p.del : p.ins !== undefined ? '+' + p.ins : p.text).join('|')`, `It is |-so| |+not| safe.`},
		{`String(quipuTags.charIndex('ñandú x', 7))`, `5`},
		{`quipuTags.pieces('Run <1>go  test</1>\\* now <2/>.').join('|')`, `Run|go test|* now|.`},
	} {
		if got := evalString(t, ctx, c.expr); got != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.expr, got, c.want)
		}
	}

	// Alt+T wraps the selection in the next paired tag.
	ed := seg(5) + ` textarea`
	if err := chromedp.Do(ctx, chromedp.Click(ed), chromedp.SendKeys(ed, "Lea el manual.")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('`+ed+`').setSelectionRange(7, 13)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("t", chromedp.KeyModifiers(chromedp.ModifierAlt))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('`+ed+`').value`); got != "Lea el <1>manual</1>." {
		t.Errorf("Alt+T on a selection: %q", got)
	}
	// Backspace after a tag, Delete before one, take the whole tag.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('`+ed+`').setSelectionRange(20, 20)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Backspace)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('`+ed+`').value`); got != "Lea el <1>manual." {
		t.Errorf("Backspace after </1>: %q", got)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('`+ed+`').setSelectionRange(7, 7)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Delete)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector('`+ed+`').value`); got != "Lea el manual." {
		t.Errorf("Delete before <1>: %q", got)
	}
}

// A link to one segment (#id, as the page keeps in its address) opens on it.
func TestWorkbenchOpensOnLinkedSegment(t *testing.T) {
	ctx := browser(t)
	srv := serveFake(t, newFakeServer())
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start#guide%2Fstart.read-the-manual-aa11bb"),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "a current segment", `!!document.querySelector('.seg.current')`)
	if got := evalString(t, ctx, `document.querySelector('.seg.current').dataset.id`); got != "guide/start.read-the-manual-aa11bb" {
		t.Errorf("opened on %q", got)
	}
}

// A message file changed on disk (an event from the server) shows at once
// in the segments and the preview; a draft being typed stays.
func TestWorkbenchFollowsChangesOnDisk(t *testing.T) {
	ctx := browser(t)
	fake := newFakeServer()
	srv := serveFake(t, fake)
	ed := seg(5) + ` textarea`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/edit/es-PE/guide/start"),
		chromedp.WaitVisible(ed),
		chromedp.Click(ed),
		chromedp.SendKeys(ed, "Lea el borrador"),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "preview loaded", previewText+`.includes('Primeros pasos')`)
	fake.touch("guide/start.getting-started-1a2b3c", "Primeros pasos, editado a mano")
	fake.mu.Lock()
	fake.notify()
	fake.mu.Unlock()
	waitJS(t, ctx, "the segment follows the file", `document.querySelector('`+seg(1)+` textarea').value === 'Primeros pasos, editado a mano'`)
	waitJS(t, ctx, "the preview follows the file", previewText+`.includes('Primeros pasos, editado a mano')`)
	if got := evalString(t, ctx, `document.querySelector('`+ed+`').value`); got != "Lea el borrador" {
		t.Errorf("the draft became %q", got)
	}
}
