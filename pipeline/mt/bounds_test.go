package mt_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/mt"
)

// TestEngineAnswerIsBounded: an engine that answers without end is
// stopped once its answer passes the bound, with an error that says so,
// instead of filling the memory.
func TestEngineAnswerIsBounded(t *testing.T) {
	e := fake(t, "flood")
	e.Timeout = 30 * time.Second
	start := time.Now()
	_, err := mt.Translate(context.Background(), e, segs, 0, nil)
	if err == nil || !strings.Contains(err.Error(), "answered more than") {
		t.Fatalf("err = %v, want the answer bounded", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("took %s: not stopped at the bound", time.Since(start))
	}
}

// TestEngineMarkupDropsTheDraft: markup an engine writes of its own
// (an element the protocol never sent) drops the draft rather than
// being kept as text.
func TestEngineMarkupDropsTheDraft(t *testing.T) {
	drafts, err := mt.Translate(context.Background(), fake(t, "script"), segs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drafts {
		if !strings.Contains(d.Dropped, "<script>") {
			t.Errorf("draft with <script> kept: %q (%q)", d.Text, d.Dropped)
		}
	}
	// The source's own "<" comes back escaped, and is no markup.
	if got, _ := mt.Translate(context.Background(), fake(t, "upper"), segs[1:], 0, nil); got[0].Dropped != "" {
		t.Errorf("escaped < taken for markup: %q", got[0].Dropped)
	}
}

// TestEngineControlCharacterDropsTheDraft: a control character an
// engine writes as a character reference is decoded, then refused, as
// the build would refuse it.
func TestEngineControlCharacterDropsTheDraft(t *testing.T) {
	drafts, err := mt.Translate(context.Background(), fake(t, "bell"), segs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drafts {
		if !strings.Contains(d.Dropped, "control character") {
			t.Errorf("draft with \\x07 kept: %q (%q)", d.Text, d.Dropped)
		}
	}
}

// TestApertiumGenerationMarkDropsTheDraft: a word Apertium marks "#"
// (it could not generate it) drops the draft instead of passing as a
// word once the mark is gone; an unknown word's "*" is taken off.
func TestApertiumGenerationMarkDropsTheDraft(t *testing.T) {
	a := &mt.Apertium{Pair: "eng-spa"}
	if why := a.Flag("He prepares it.", "#Prpers lo."); !strings.Contains(why, "#Prpers") {
		t.Errorf("Flag = %q, want the # mark reported", why)
	}
	if why := a.Flag("Use #hashtags.", "Usa #hashtags."); why != "" {
		t.Errorf("the source's own # flagged: %q", why)
	}
	if !mt.Installed() {
		t.Skip("apertium is not installed (Debian: apt install apertium-eng-spa); skipping the real engine")
	}
	drafts, err := mt.Translate(context.Background(), a, []*pipeline.Segment{{ID: "a", Text: "Prpers test"}}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(drafts[0].Text, "*") || drafts[0].Dropped != "" {
		t.Errorf("unknown word: %q (%q)", drafts[0].Text, drafts[0].Dropped)
	}
}
