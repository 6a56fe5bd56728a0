package workbench_test

import (
	"os"
	"path/filepath"
	"testing"

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
