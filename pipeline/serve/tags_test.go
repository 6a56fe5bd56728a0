package serve_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAPINamesTags: each message says what its tags stand for, in their
// order, so the workbench can tell a translator that <2> is a link to
// https://example.com; a message without tags has an empty list.
func TestAPINamesTags(t *testing.T) {
	_, c := start(t, guideProject(t))
	code, body := c.get("/api/es-PE/guide/start")
	if code != 200 {
		t.Fatalf("GET: %d %s", code, body)
	}
	var d struct {
		Messages []struct {
			Source string
			Tags   []string
		}
	}
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range d.Messages {
		if m.Tags == nil {
			t.Errorf("%q: tags is not a list", m.Source)
		}
		got[m.Source] = strings.Join(m.Tags, " | ")
	}
	for src, want := range map[string]string{
		"Start": "",
		"Read the <1>manual</1> and the <2>site</2>.": "emphasis | link https://example.com",
		"Then run <1/>.": "code",
	} {
		if g, ok := got[src]; !ok || g != want {
			t.Errorf("%q: tags %q, want %q (messages: %v)", src, g, want, got)
		}
	}
}
