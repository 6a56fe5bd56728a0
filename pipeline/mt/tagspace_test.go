package mt_test

import (
	"context"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/mt"
)

// answers is an engine that answers each segment with a fixed text.
type answers map[string]string

func (answers) Name() string { return "answers" }

func (a answers) Translate(_ context.Context, segs []string) ([]string, error) {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = a[s]
	}
	return out, nil
}

// TestDraftKeepsSpacesAroundTags: an engine that drops the spaces around
// the tags it keeps ("Haga<x1>clic</x1>aquí") would glue words together
// on the page; where the source has a space beside a tag and the draft
// puts a word right against it, the space is put back. Punctuation
// against a tag, and a draft's own spacing, are kept.
func TestDraftKeepsSpacesAroundTags(t *testing.T) {
	bold := pipeline.Placeholder{Kind: pipeline.Paired, Open: "**", Close: "**", Label: "strong"}
	em := pipeline.Placeholder{Kind: pipeline.Paired, Open: "*", Close: "*", Label: "emphasis"}
	code := pipeline.Placeholder{Kind: pipeline.Standalone, Open: "`ls`", Label: "code", Content: true}
	cases := []struct {
		src  string
		phs  []pipeline.Placeholder
		got  string
		want string
	}{
		{"Click <1>here</1> and <2>there</2> to go.", []pipeline.Placeholder{bold, em}, "Haga clic<x1>aquí</x1>y<x2>allá</x2>para ir.", "Haga clic <1>aquí</1> y <2>allá</2> para ir."},
		{"Use <1/> then rest.", []pipeline.Placeholder{code}, "Use<x1/>luego descanse.", "Use <1/> luego descanse."},
		{"The <1>bold <2>nested</2> text</1> stays.", []pipeline.Placeholder{bold, em}, "El<x1>texto<x2>anidado</x2>negrita</x1>queda.", "El <1>texto <2>anidado</2> negrita</1> queda."},
		{"Run <1/>.", []pipeline.Placeholder{code}, "Ejecute <x1/>.", "Ejecute <1/>."},
		{"(<1>see</1>) now", []pipeline.Placeholder{em}, "(<x1>vea</x1>) ahora", "(<1>vea</1>) ahora"},
		{"A <1>word</1>, then.", []pipeline.Placeholder{em}, "Una<x1>palabra</x1>, luego.", "Una <1>palabra</1>, luego."},
	}
	for _, c := range cases {
		seg := &pipeline.Segment{ID: "s", Text: c.src, Placeholders: c.phs}
		drafts, err := mt.Translate(context.Background(), answers{mt.Protect(c.src): c.got}, []*pipeline.Segment{seg}, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := drafts[0]; d.Dropped != "" || d.Text != c.want {
			t.Errorf("%q → %q: got %q (dropped %q), want %q", c.src, c.got, d.Text, d.Dropped, c.want)
		}
	}
}
