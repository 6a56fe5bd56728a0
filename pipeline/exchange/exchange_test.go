package exchange_test

import (
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

const article = "# A *title*\n\nFirst *paragraph* with `code`.\n\nSecond paragraph.\n\nThird paragraph.\n"

// fixture returns the article and its es-PE message file: the title
// translated, the first paragraph reviewed, the second fuzzy, the third
// untranslated.
func fixture(t *testing.T) (*pipeline.Document, *catalog.File) {
	t.Helper()
	doc, err := markdown.Extract("content/a.md", []byte(article))
	if err != nil {
		t.Fatal(err)
	}
	f, _, _ := catalog.Sync(doc, nil, "locales/es-PE/a.es-PE.toml", "es-PE", catalog.Options{})
	set := func(i int, text string, state catalog.State) {
		m := f.Messages[i]
		m.Other, m.State = text, state
		if state == catalog.Stale {
			m.Previous = "Second paragraph, before."
		}
	}
	set(0, "Un <1>título</1>", catalog.Translated)
	set(1, "Primer <1>párrafo</1> con <2/>.", catalog.Reviewed)
	set(2, "Segundo párrafo.", catalog.Stale)
	return doc, f
}

func TestNew(t *testing.T) {
	doc, f := fixture(t)
	ex := exchange.New(doc, f, "en", func(seg *pipeline.Segment, m *catalog.Message) []string {
		return []string{"glossary: " + string(seg.Kind)}
	})
	if len(ex.Units) != 4 || ex.Document != "content/a.md" || ex.Locale != "es-PE" || ex.SourceLocale != "en" {
		t.Fatalf("got %d units for %s %s→%s", len(ex.Units), ex.Document, ex.SourceLocale, ex.Locale)
	}
	u := ex.Units[1]
	if got, want := u.TagLegend(), "<1>…</1> emphasis · <2/> code"; got != want {
		t.Errorf("legend %q, want %q", got, want)
	}
	if got, want := ex.Location(u), "content/a.md:3:1"; got != want {
		t.Errorf("location %q, want %q", got, want)
	}
	if u.Notes[0] != "glossary: paragraph" {
		t.Errorf("notes %q", u.Notes)
	}
	if ex.Units[2].Previous == "" || ex.Units[1].Previous != "" {
		t.Error("only the fuzzy unit carries the previous English")
	}
	for _, u := range ex.Units {
		if u.Base != exchange.Fingerprint(u.State, u.Target) {
			t.Errorf("%s: base %s is not the fingerprint of its translation", u.ID, u.Base)
		}
	}
	if exchange.Fingerprint(catalog.Translated, "x") == exchange.Fingerprint(catalog.Reviewed, "x") {
		t.Error("a review must change the fingerprint")
	}
}

func TestMerge(t *testing.T) {
	base := func(f *catalog.File, i int) string {
		return exchange.Fingerprint(f.Messages[i].State, f.Messages[i].Other)
	}
	type want struct {
		out   exchange.Outcome
		errs  []string // substrings, one per error, in order
		index int      // message to check, -1 for none
		text  string
		state catalog.State
	}
	tests := []struct {
		name  string
		force bool
		// edit changes the message file after the export.
		edit func(f *catalog.File)
		// units are the tool's units, given the file as exported.
		units func(f *catalog.File) []*exchange.Translation
		want  want
	}{
		{
			name: "untouched units change nothing",
			units: func(f *catalog.File) []*exchange.Translation {
				var out []*exchange.Translation
				for i, m := range f.Messages {
					out = append(out, &exchange.Translation{ID: m.ID, Text: m.Other, State: m.State, Base: base(f, i)})
				}
				return out
			},
			want: want{out: exchange.Outcome{Unchanged: 3, Empty: 1}, index: 2, text: "Segundo párrafo.", state: catalog.Stale},
		},
		{
			name: "an untouched unit never overwrites newer work",
			edit: func(f *catalog.File) { f.Messages[0].Other = "Un <1>título</1> nuevo" },
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: f.Messages[0].Other, State: catalog.Translated, Base: base(f, 0)}}
			},
			want: want{out: exchange.Outcome{Unchanged: 1}, index: 0, text: "Un <1>título</1> nuevo", state: catalog.Translated},
		},
		{
			name: "a new translation is applied",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[3].ID, Text: "Tercer párrafo.", State: catalog.Translated, Base: base(f, 3)}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 3, text: "Tercer párrafo.", state: catalog.Translated},
		},
		{
			name: "a target offered in state initial is a translation",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[3].ID, Text: "Tercer párrafo.", State: catalog.Untranslated, Base: base(f, 3)}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 3, text: "Tercer párrafo.", state: catalog.Translated},
		},
		{
			name: "a review in the tool is applied",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: f.Messages[0].Other, State: catalog.Reviewed, Base: base(f, 0)}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 0, text: "Un <1>título</1>", state: catalog.Reviewed},
		},
		{
			name: "a fuzzy translation confirmed in the tool loses the flag",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[2].ID, Text: "Segundo párrafo.", State: catalog.Translated, Base: base(f, 2)}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 2, text: "Segundo párrafo.", state: catalog.Translated},
		},
		{
			name: "a tool cannot make a translation fuzzy",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: "Un <1>titular</1>", State: catalog.Stale, Base: base(f, 0)}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 0, text: "Un <1>titular</1>", state: catalog.Translated},
		},
		{
			name: "a tool that drops the reviewed state does not undo a review",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[1].ID, Text: f.Messages[1].Other, State: catalog.Translated, Base: base(f, 1)}}
			},
			want: want{out: exchange.Outcome{Unchanged: 1}, index: 1, text: "Primer <1>párrafo</1> con <2/>.", state: catalog.Reviewed},
		},
		{
			name: "an empty target never clears a translation",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Base: "0000"}}
			},
			want: want{out: exchange.Outcome{Empty: 1}, index: 0, text: "Un <1>título</1>", state: catalog.Translated},
		},
		{
			name: "both sides changed: conflict",
			edit: func(f *catalog.File) { f.Messages[0].Other = "Un <1>título</1> nuevo" },
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: "Un <1>titular</1>", State: catalog.Translated, Base: base(f, 0), Pos: pos(7, 5)}}
			},
			want: want{out: exchange.Outcome{Conflicts: 1}, errs: []string{`a.xlf:7:5: unit "a-title-8dfc96": conflict: the message file changed since the export`}, index: 0, text: "Un <1>título</1> nuevo", state: catalog.Translated},
		},
		{
			name:  "both sides changed, forced",
			force: true,
			edit:  func(f *catalog.File) { f.Messages[0].Other = "Un <1>título</1> nuevo" },
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: "Un <1>titular</1>", State: catalog.Translated, Base: base(f, 0)}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 0, text: "Un <1>titular</1>", state: catalog.Translated},
		},
		{
			name: "a review in the message file since the export is newer work",
			edit: func(f *catalog.File) { f.Messages[0].State = catalog.Reviewed },
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: "Un <1>titular</1>", State: catalog.Translated, Base: base(f, 0)}}
			},
			want: want{out: exchange.Outcome{Conflicts: 1}, errs: []string{"conflict"}, index: 0, text: "Un <1>título</1>", state: catalog.Reviewed},
		},
		{
			name: "a tool that drops the state keeps an unchanged review",
			edit: func(f *catalog.File) { f.Messages[0].State = catalog.Reviewed },
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: f.Messages[0].Other, State: catalog.Untranslated, Base: exchange.Fingerprint(catalog.Reviewed, f.Messages[0].Other)}}
			},
			want: want{out: exchange.Outcome{Unchanged: 1}, index: 0, text: "Un <1>título</1>", state: catalog.Reviewed},
		},
		{
			name: "a tool that drops the state leaves an unchanged fuzzy translation fuzzy",
			edit: func(f *catalog.File) { f.Messages[0].State, f.Messages[0].Previous = catalog.Stale, "A title" },
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[0].ID, Text: f.Messages[0].Other, State: catalog.Untranslated, Base: exchange.Fingerprint(catalog.Stale, f.Messages[0].Other)}}
			},
			want: want{out: exchange.Outcome{Unchanged: 1}, index: 0, text: "Un <1>título</1>", state: catalog.Stale},
		},
		{
			name: "no fingerprint: only an untranslated message takes a translation",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{
					{ID: f.Messages[0].ID, Text: "Un <1>titular</1>", State: catalog.Translated},
					{ID: f.Messages[3].ID, Text: "Tercer párrafo.", State: catalog.Translated},
				}
			},
			want: want{out: exchange.Outcome{Conflicts: 1}, errs: []string{"no fingerprint"}, index: 3, text: "", state: catalog.Untranslated},
		},
		{
			name: "no fingerprint: an untranslated message takes a translation",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{{ID: f.Messages[3].ID, Text: "Tercer párrafo.", State: catalog.Translated}}
			},
			want: want{out: exchange.Outcome{Updated: 1}, index: 3, text: "Tercer párrafo.", state: catalog.Translated},
		},
		{
			name: "every bad unit is reported, and nothing changes",
			units: func(f *catalog.File) []*exchange.Translation {
				return []*exchange.Translation{
					{ID: "no-such-unit", Text: "x", Pos: pos(3, 1)},
					{ID: f.Messages[0].ID, Text: "Un <2/>título", State: catalog.Translated, Pos: pos(5, 1),
						Spans: []exchange.Span{{Off: 0, Pos: pos(9, 20)}}},
					{ID: f.Messages[1].ID, Text: "Primer <1>párrafo con <2/>.", State: catalog.Translated, Pos: pos(11, 1),
						Spans: []exchange.Span{{Off: 0, Pos: pos(12, 10)}}},
					{ID: f.Messages[3].ID, Text: "Tercer párrafo.", State: catalog.Translated, Base: base(f, 3), Pos: pos(13, 1)},
					{ID: f.Messages[3].ID, Text: "Tercer párrafo.", State: catalog.Translated, Base: base(f, 3), Pos: pos(15, 1)},
				}
			},
			want: want{
				out: exchange.Outcome{},
				errs: []string{
					`a.xlf:3:1: unknown unit "no-such-unit"`,
					`a.xlf:9:23: unit "a-title-8dfc96": tag <2/> is not in the source (it has 1)`,
					`a.xlf:12:17: unit "first-paragraph-with-eb1520": <1> is never closed`,
					`a.xlf:15:1: unit "third-paragraph-2adda9" appears twice (first at a.xlf:13:1)`,
				},
				index: 3, text: "", state: catalog.Untranslated,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, f := fixture(t)
			units := tt.units(f)
			if tt.edit != nil {
				tt.edit(f)
			}
			before := string(catalog.Format(f))
			out, errs := exchange.Merge(doc, f, &exchange.Returned{Document: doc.Path, Locale: "es-PE", Translations: units}, tt.force)
			if out.Updated != tt.want.out.Updated || out.Unchanged != tt.want.out.Unchanged || out.Empty != tt.want.out.Empty || out.Conflicts != tt.want.out.Conflicts {
				t.Errorf("outcome %+v, want %+v", out, tt.want.out)
			}
			if len(errs) != len(tt.want.errs) {
				t.Fatalf("errors:\n%v\nwant %d: %q", errs, len(tt.want.errs), tt.want.errs)
			}
			for i, e := range errs {
				if !strings.Contains(e.Error(), tt.want.errs[i]) {
					t.Errorf("error %d: %q\nwant it to contain %q", i, e, tt.want.errs[i])
				}
			}
			if len(errs) > 0 && string(catalog.Format(f)) != before {
				t.Error("the message file changed although the merge failed")
			}
			if m := f.Messages[tt.want.index]; m.Other != tt.want.text || m.State != tt.want.state {
				t.Errorf("message %d: %q (%q), want %q (%q)", tt.want.index, m.Other, m.State, tt.want.text, tt.want.state)
			}
			if m := f.Messages[tt.want.index]; m.State != catalog.Stale && m.Previous != "" {
				t.Errorf("message %d keeps its previous English %q without the fuzzy flag", tt.want.index, m.Previous)
			}
		})
	}
}

func pos(line, col int) pipeline.Position {
	return pipeline.Position{File: "a.xlf", Line: line, Col: col}
}

func TestPosAt(t *testing.T) {
	tr := &exchange.Translation{
		Text:  "ab\ncd<1>",
		Pos:   pipeline.Position{File: "f", Line: 1, Col: 1},
		Spans: []exchange.Span{{Off: 0, Pos: pipeline.Position{File: "f", Line: 4, Col: 10}}, {Off: 5, Pos: pipeline.Position{File: "f", Line: 6, Col: 2}}},
	}
	for _, tt := range []struct {
		off  int
		want string
	}{{0, "f:4:10"}, {1, "f:4:11"}, {3, "f:4:10"}, {5, "f:6:2"}, {7, "f:6:4"}} {
		if got := tr.PosAt(tt.off).String(); got != tt.want {
			t.Errorf("PosAt(%d) = %s, want %s", tt.off, got, tt.want)
		}
	}
}
