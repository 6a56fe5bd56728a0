package workbench_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestWorkbenchPreviewRunsNoPageScript serves a page whose English carries
// a script that reaches into the workbench; the preview shows the page and
// outlines the current segment, and the script never runs.
func TestWorkbenchPreviewRunsNoPageScript(t *testing.T) {
	ctx := browser(t)
	root := seedProject(t)
	src := filepath.Join(root, "content", seedDoc+".md")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n<script>parent.document.body.dataset.pwned = 'yes'; document.body.dataset.ran = 'yes'</script>\n"...)
	if err := os.WriteFile(src, b, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	base := serveProject(t, root)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the preview marks the current segment", `!!((document.getElementById('preview').contentDocument || {}).querySelector && document.getElementById('preview').contentDocument.querySelector('.quipu-current'))`)
	if got := evalString(t, ctx, `(document.body.dataset.pwned || '') + '|' + (document.getElementById('preview').contentDocument.body.dataset.ran || '')`); got != "|" {
		t.Errorf("the page's script ran in the preview: %q", got)
	}
}

// TestWorkbenchPreviewClickOpensSegment clicks the page in the preview: a
// paragraph opens its segment, a link there does not take the preview
// away, and the workbench's keys work while the preview has the focus.
func TestWorkbenchPreviewClickOpensSegment(t *testing.T) {
	ctx := browser(t)
	base := serveProject(t, seedProject(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the preview marks the current segment", `!!((document.getElementById('preview').contentDocument || {}).querySelector && document.getElementById('preview').contentDocument.querySelector('.quipu-current'))`)
	// clickAt clicks the middle of the preview's first element matching
	// sel whose text includes text, as a mouse would.
	clickAt := func(sel, text string) {
		t.Helper()
		xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
			const f = document.getElementById('preview');
			const e = [...f.contentDocument.querySelectorAll('`+sel+`')].find(e => e.textContent.includes('`+text+`'));
			e.scrollIntoView({block: 'center'});
			const r = e.getBoundingClientRect(), o = f.getBoundingClientRect();
			return [o.left + r.left + Math.min(20, r.width / 2), o.top + r.top + r.height / 2];
		})()`))
		if err != nil || len(xy) != 2 {
			t.Fatalf("no %s with %q in the preview: %v", sel, text, err)
		}
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(xy[0], xy[1])); err != nil {
			t.Fatal(err)
		}
	}
	clickAt("p", "Read the")
	waitJS(t, ctx, "the clicked paragraph's segment is current", `document.querySelector('.seg.current .source').textContent.startsWith('Read the') && document.activeElement === document.querySelector('.seg.current textarea')`)
	clickAt("a", "cooperation agreement")
	time.Sleep(300 * time.Millisecond)
	if got := evalString(t, ctx, `document.getElementById('preview').contentWindow.location.pathname`); got != "/es-PE/"+seedDoc+".html" {
		t.Errorf("a link took the preview to %s", got)
	}
	n := evalString(t, ctx, `document.querySelector('.seg.current .num').textContent`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('preview').contentDocument.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', code: 'ArrowDown', altKey: true, bubbles: true}))`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "Alt+↓ in the preview moves on", `document.querySelector('.seg.current .num').textContent !== '`+n+`'`)
}
