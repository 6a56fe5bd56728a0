package workbench_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWorkbenchChipsSayWhatTagsAre: a tag of the English shows, on hover,
// what it stands for, so a translator knows <2> is the link to the
// agreement before placing it.
func TestWorkbenchChipsSayWhatTagsAre(t *testing.T) {
	ctx := browser(t)
	base := serveProject(t, seedProject(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit/es-PE/"+seedDoc),
		chromedp.WaitVisible(`#segments article textarea`),
	); err != nil {
		t.Fatal(err)
	}
	src := `[...document.querySelectorAll('#segments .source')].find(s => s.textContent.startsWith('Read the'))`
	waitJS(t, ctx, "the tagged paragraph", `!!`+src)
	got := evalString(t, ctx, `[...`+src+`.querySelectorAll('.chip')].map(c => c.textContent + '=' + c.title).join(' ')`)
	want := "<1>=emphasis </1>=emphasis <2>=link https://example.org/agreement </2>=link https://example.org/agreement"
	if got != want {
		t.Errorf("chips %q, want %q", got, want)
	}
}
