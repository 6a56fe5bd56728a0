package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestLinksToShortcodesKeepTheirDestination: a link whose destination is
// a Hugo shortcode reaches the page as the shortcode, not as the masked
// word goldmark read.
func TestLinksToShortcodesKeepTheirDestination(t *testing.T) {
	src := []byte("See [the trail]({{< ref \"posts/inca-trail\" >}} \"{{< param t >}}\") and ![a]({{% relref \"b.png\" %}}).\n")
	var got []string
	_ = ast.Walk(Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				got = append(got, string(n.Destination), string(n.Title))
			case *ast.Image:
				got = append(got, string(n.Destination))
			}
		}
		return ast.WalkContinue, nil
	})
	want := []string{`{{< ref "posts/inca-trail" >}}`, `{{< param t >}}`, `{{% relref "b.png" %}}`}
	if len(got) != len(want) {
		t.Fatalf("links: %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d: %q, want %q", i, got[i], want[i])
		}
	}
}
