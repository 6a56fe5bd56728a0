package resolve_test

import (
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// seg is "Read the <1>guide</1> and run <2/>.": a link and a code span.
var seg = &pipeline.Segment{
	ID:   "read-the-guide-and-run-123456",
	Text: "Read the <1>guide</1> and run <2/>.",
	Placeholders: []pipeline.Placeholder{
		{Kind: pipeline.Paired, Open: "[", Close: "](https://example.com)", Label: "link https://example.com", Content: true},
		{Kind: pipeline.Standalone, Open: "`ls`", Label: "code", Content: true},
	},
}

func msg(text string, state catalog.State) *catalog.Message {
	return &catalog.Message{ID: seg.ID, Other: text, State: state, Line: 3, Col: 1, OtherLine: 5, OtherCol: 9}
}

func layer(locale string, m *catalog.Message) resolve.Layer {
	l := resolve.Layer{Locale: locale, File: "locales/" + locale + "/doc." + locale + ".toml"}
	if m != nil {
		l.Messages = map[string]*catalog.Message{seg.ID: m}
	}
	return l
}

const (
	good  = "Lea la <1>guía</1> y ejecute <2/>."
	good2 = "Lee la <1>guía</1> y ejecuta <2/>."
	// A translation whose English was "before 8 a.m.": it must not be
	// published for an English that now says something else.
	stale   = "Lea la <1>guía</1> antes de las 8 a. m. y ejecute <2/>."
	badTag  = "Lea la <1>guía</1> y ejecute <3/>."
	noLink  = "Lea la guía y ejecute <2/>."
	empty   = ""
	srcText = "Read the <1>guide</1> and run <2/>."
)

// TestResolve is the one rule every command follows.
func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		name     string
		chain    []resolve.Layer
		fuzzy    bool
		verdict  resolve.Verdict
		text     string
		from     string // locale published, "" for the source text
		refused  string // locale of the translation refused
		problems []string
	}{
		{name: "no translation anywhere", chain: []resolve.Layer{layer("es-PE", nil), layer("es", nil)}, verdict: resolve.Missing, text: srcText},
		{name: "empty message is missing", chain: []resolve.Layer{layer("es-PE", msg(empty, catalog.Untranslated))}, verdict: resolve.Missing, text: srcText},
		{name: "own translation", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Translated)), layer("es", msg(good2, catalog.Translated))}, verdict: resolve.Translated, text: good, from: "es-PE"},
		{name: "fallback translation counts as translated", chain: []resolve.Layer{layer("es-PE", nil), layer("es-419", nil), layer("es", msg(good2, catalog.Translated))}, verdict: resolve.Translated, text: good2, from: "es"},
		{name: "fuzzy is not published by default", chain: []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale))}, verdict: resolve.Fuzzy, text: srcText, refused: "es-PE"},
		{name: "fuzzy leaves its place to the chain's next translation, still fuzzy", chain: []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale)), layer("es", msg(good2, catalog.Translated))}, verdict: resolve.Fuzzy, text: good2, from: "es", refused: "es-PE"},
		{name: "fuzzy skips a fuzzy or bad next translation", chain: []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale)), layer("es-419", msg(stale, catalog.Stale)), layer("es", msg(badTag, catalog.Translated))}, verdict: resolve.Fuzzy, text: srcText, refused: "es-PE"},
		{name: "use fuzzy publishes it, still fuzzy", chain: []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale)), layer("es", msg(good2, catalog.Translated))}, fuzzy: true, verdict: resolve.Fuzzy, text: stale, from: "es-PE"},
		{name: "unknown tag rejected, source used, chain not searched", chain: []resolve.Layer{layer("es-PE", msg(badTag, catalog.Translated)), layer("es", msg(good2, catalog.Translated))}, verdict: resolve.Rejected, text: srcText, refused: "es-PE", problems: []string{"tag-unknown", "tag-missing-content"}},
		{name: "dropped link rejected", chain: []resolve.Layer{layer("es-PE", msg(noLink, catalog.Reviewed))}, verdict: resolve.Rejected, text: srcText, refused: "es-PE", problems: []string{"tag-missing-content"}},
		{name: "aligned is not published by default", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Aligned))}, verdict: resolve.Aligned, text: srcText, refused: "es-PE"},
		{name: "aligned leaves its place to the chain's next translation, still aligned", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Aligned)), layer("es", msg(good2, catalog.Translated))}, verdict: resolve.Aligned, text: good2, from: "es", refused: "es-PE"},
		{name: "use fuzzy publishes aligned, still aligned", chain: []resolve.Layer{layer("es-PE", msg(good, catalog.Aligned)), layer("es", msg(good2, catalog.Translated))}, fuzzy: true, verdict: resolve.Aligned, text: good, from: "es-PE"},
		{name: "aligned below fuzzy is not published", chain: []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale)), layer("es", msg(good2, catalog.Aligned))}, verdict: resolve.Fuzzy, text: srcText, refused: "es-PE"},
		{name: "fuzzy with a bad tag and use fuzzy: the next one", chain: []resolve.Layer{layer("es-PE", msg(badTag, catalog.Stale)), layer("es", msg(good2, catalog.Translated))}, fuzzy: true, verdict: resolve.Fuzzy, text: good2, from: "es", refused: "es-PE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := resolve.Resolve(seg, tc.chain, resolve.Options{UseFuzzy: tc.fuzzy})
			if r.Verdict != tc.verdict || r.Text != tc.text || r.From.Locale != tc.from || r.Refused.Locale != tc.refused {
				t.Errorf("got %v %q from %q refused %q, want %v %q from %q refused %q", r.Verdict, r.Text, r.From.Locale, r.Refused.Locale, tc.verdict, tc.text, tc.from, tc.refused)
			}
			if r.Source() != (tc.from == "") {
				t.Errorf("Source() = %v", r.Source())
			}
			if tc.problems != nil {
				var codes []string
				for _, p := range r.Problems {
					if p.Severity == pipeline.SeverityError {
						codes = append(codes, p.Code)
					}
				}
				if len(codes) != len(tc.problems) {
					t.Fatalf("error codes %v, want %v", codes, tc.problems)
				}
				for i := range codes {
					if codes[i] != tc.problems[i] {
						t.Errorf("error codes %v, want %v", codes, tc.problems)
					}
				}
			}
		})
	}
}

// TestOriginPosUsesTheOffset: an error inside a translation points at its
// column in the message file, not at the start of the value.
func TestOriginPosUsesTheOffset(t *testing.T) {
	m := msg("Lea la <1>guía</1> y \"ejecute\" <3/>.", catalog.Translated)
	o := resolve.Origin{Locale: "es-PE", File: "f.toml", Message: m}
	r := resolve.Resolve(seg, []resolve.Layer{{Locale: "es-PE", File: "f.toml", Messages: map[string]*catalog.Message{seg.ID: m}}}, resolve.Options{})
	if r.Verdict != resolve.Rejected || r.Problems[0].Code != "tag-unknown" {
		t.Fatalf("got %v %v", r.Verdict, r.Problems)
	}
	// other = "Lea la <1>guía</1> y \"ejecute\" <3/>."
	//         ^ col 9; <3/> after 32 bytes of text and 2 escaping backslashes.
	if got, want := o.Pos(r.Problems[0].Offset).String(), "f.toml:5:44"; got != want {
		t.Errorf("Pos = %s, want %s", got, want)
	}
	if got, want := o.Pos(0).String(), "f.toml:5:10"; got != want {
		t.Errorf("Pos(0) = %s, want %s", got, want)
	}
}

// TestRejectKeepsFuzzy: a fuzzy translation stays fuzzy when it, or the
// fallback it left its place to, is refused by its document: counts do
// not depend on --use-fuzzy.
func TestRejectKeepsFuzzy(t *testing.T) {
	chain := []resolve.Layer{layer("es-PE", msg(stale, catalog.Stale)), layer("es", msg(good2, catalog.Translated))}
	r := resolve.Reject(resolve.Resolve(seg, chain, resolve.Options{}), seg, []pipeline.Problem{{Code: "markup-added", Severity: pipeline.SeverityError}})
	if r.Verdict != resolve.Fuzzy || !r.Source() || r.Text != srcText {
		t.Errorf("got %v %q", r.Verdict, r.Text)
	}
	r = resolve.Reject(resolve.Resolve(seg, chain, resolve.Options{UseFuzzy: true}), seg, []pipeline.Problem{{Code: "markup-added", Severity: pipeline.SeverityError}})
	if r.Verdict != resolve.Fuzzy || !r.Source() || r.Refused.Locale != "es-PE" {
		t.Errorf("published fuzzy, refused: got %v %+v", r.Verdict, r)
	}
	r = resolve.Reject(resolve.Resolve(seg, chain[1:], resolve.Options{}), seg, []pipeline.Problem{{Code: "markup-added", Severity: pipeline.SeverityError}})
	if r.Verdict != resolve.Rejected || !r.Source() || r.Refused.Locale != "es" || r.Problems[len(r.Problems)-1].Code != "markup-added" {
		t.Errorf("got %v %+v", r.Verdict, r)
	}
}

// TestCountOncePerMessage: a segment repeated in a document is one
// message, counted once, whatever the command.
func TestCountOncePerMessage(t *testing.T) {
	other := &pipeline.Segment{ID: "other", Text: "Two words"}
	segs := []*pipeline.Segment{seg, other, seg}
	res := []resolve.Resolution{{Verdict: resolve.Translated, From: resolve.Origin{Message: msg(good, catalog.Reviewed)}}, {Verdict: resolve.Fuzzy}, {Verdict: resolve.Translated}}
	c := resolve.Count(segs, res)
	want := resolve.Counts{Total: 2, Translated: 1, Reviewed: 1, Fuzzy: 1, Words: 8, WordsTranslated: 6}
	if c != want {
		t.Errorf("Count = %+v, want %+v", c, want)
	}
	if c.Untranslated() != 1 {
		t.Errorf("Untranslated = %d", c.Untranslated())
	}
}

// TestCountsAlignedApart: an aligned draft is counted on its own, never
// as translated.
func TestCountsAlignedApart(t *testing.T) {
	other := &pipeline.Segment{ID: "other", Text: "Two words"}
	res := []resolve.Resolution{{Verdict: resolve.Aligned, Refused: resolve.Origin{Message: msg(good, catalog.Aligned)}}, {Verdict: resolve.Translated}}
	c := resolve.Count([]*pipeline.Segment{seg, other}, res)
	if c.Aligned != 1 || c.Translated != 1 || c.Untranslated() != 1 {
		t.Errorf("Count = %+v, want 1 aligned, 1 translated", c)
	}
	var sum resolve.Counts
	sum.Add(c)
	sum.Add(c)
	if sum.Aligned != 2 {
		t.Errorf("Add: %+v", sum)
	}
}

func TestVerdictNames(t *testing.T) {
	for v, want := range map[resolve.Verdict]string{resolve.Missing: "missing", resolve.Translated: "translated", resolve.Fuzzy: "fuzzy", resolve.Rejected: "rejected", resolve.Aligned: "aligned"} {
		if b, _ := v.MarshalText(); v.String() != want || string(b) != want {
			t.Errorf("%d: %s", v, v)
		}
	}
}
