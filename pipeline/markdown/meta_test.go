package markdown

import (
	"strings"
	"testing"
	"time"
)

// TestReadMetaDateAndDraft: the page date comes from lastmod, else date,
// in YAML or TOML front matter; draft is a boolean.
func TestReadMetaDateAndDraft(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	lima := time.FixedZone("", -5*3600)
	tests := []struct {
		name, src string
		date      time.Time
		draft     bool
		err       string
	}{
		{name: "none", src: "# Title\n"},
		{name: "yaml date", src: "---\ntitle: T\ndate: 2024-05-01\n---\n# T\n", date: day(2024, 5, 1)},
		{name: "yaml lastmod first", src: "---\ndate: 2024-05-01\nlastmod: 2025-02-03\n---\n", date: day(2025, 2, 3)},
		{name: "yaml quoted", src: "---\ndate: \"2024-05-01\"\n---\n", date: day(2024, 5, 1)},
		{name: "yaml with zone", src: "---\ndate: 2024-05-01T23:30:00-05:00\n---\n", date: time.Date(2024, 5, 1, 23, 30, 0, 0, lima)},
		{name: "yaml space form", src: "---\ndate: 2024-05-01 10:00:00\n---\n", date: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{name: "yaml draft", src: "---\ndraft: true\n---\n", draft: true},
		{name: "yaml not draft", src: "---\ndraft: false\n---\n"},
		{name: "toml date", src: "+++\ndate = 2024-05-01\n+++\n", date: day(2024, 5, 1)},
		{name: "toml lastmod", src: "+++\ndate = 2024-05-01\nlastmod = 2024-06-01T08:00:00Z\ndraft = true\n+++\n", date: time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC), draft: true},
		{name: "toml local datetime", src: "+++\nlastmod = 2024-06-01T08:00:00\n+++\n", date: time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)},
		{name: "bad date", src: "---\ntitle: T\ndate: next week\n---\n", err: "doc.md:3:1: front matter: date: next week is not a date"},
		{name: "bad draft", src: "+++\ndraft = \"yes\"\n+++\n", err: "doc.md:2:1: front matter: draft: want true or false, not text in quotes"},
		// Only true and false are booleans (YAML 1.2): text that reads
		// as one is refused, never taken as published.
		{name: "draft quoted true", src: "---\ndraft: \"true\"\n---\n", err: "doc.md:2:1: front matter: draft: want true or false, not text in quotes"},
		{name: "draft single-quoted", src: "---\ndraft: 'false'\n---\n", err: "doc.md:2:1: front matter: draft: want true or false, not text in quotes"},
		{name: "draft yes", src: "---\ndraft: yes\n---\n", err: "doc.md:2:1: front matter: draft: want true or false, not yes"},
		{name: "draft number", src: "---\ndraft: 1\n---\n", err: "doc.md:2:1: front matter: draft: want true or false, not 1"},
		{name: "thematic break, not front matter", src: "---\ndate: 2024-05-01\n", date: time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadMeta("doc.md", []byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !m.Date.Equal(tt.date) || m.Date.Location().String() != tt.date.Location().String() && !tt.date.IsZero() {
				t.Errorf("date = %v, want %v", m.Date, tt.date)
			}
			if m.Draft != tt.draft {
				t.Errorf("draft = %v, want %v", m.Draft, tt.draft)
			}
		})
	}
}
