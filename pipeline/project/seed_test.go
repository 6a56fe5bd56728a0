package project_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// repo opens the repository itself as a project: the seed article and its
// translation ship in content/ and locales/.
func repo(t *testing.T) *project.Project {
	t.Helper()
	p, err := project.Open(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSeedTranslationIsComplete(t *testing.T) {
	p := repo(t)
	src := project.Source{Rel: "us-military-bases-in-peru.md"}
	doc, err := p.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(p.Root, p.MessagePath("es-PE", src))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := catalog.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	idx := f.Index()
	gl, err := glossary.Load(filepath.Join(p.Root, p.Config.Glossary))
	if err != nil {
		t.Fatal(err)
	}
	if len(gl.Terms) < 25 {
		t.Errorf("glossary has %d terms, want at least 25", len(gl.Terms))
	}
	kept := 0
	for _, seg := range doc.Segments {
		m := idx[seg.ID]
		if m == nil || strings.TrimSpace(m.Other) == "" {
			t.Errorf("%s (%q) has no es-PE translation", seg.ID, seg.Text)
			continue
		}
		if m.Other == seg.Text {
			t.Errorf("%s is not translated: %q", seg.ID, m.Other)
		}
		if m.State != catalog.Reviewed {
			t.Errorf("%s is %q, want reviewed", seg.ID, m.State)
		}
		for _, term := range gl.In(placeholder.Strip(seg.Text)) {
			if term.Keep() {
				kept++
				if !strings.Contains(m.Other, term.EN) {
					t.Errorf("%s: do-not-translate term %q altered in %q", seg.ID, term.EN, m.Other)
				}
			}
		}
		for _, term := range gl.Missing(placeholder.Strip(seg.Text), m.Other) {
			t.Errorf("%s: glossary term %q needs %q in %q", seg.ID, term.EN, term.Required(), m.Other)
		}
	}
	if kept == 0 {
		t.Error("no do-not-translate term found in the article: the check checked nothing")
	}

	// go-i18n loads the file: one message per segment.
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := bundle.LoadMessageFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(mf.Messages) != len(doc.Segments) {
		t.Errorf("go-i18n loads %d messages, want %d", len(mf.Messages), len(doc.Segments))
	}
}
