package project

import (
	"errors"
	"fmt"
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"io"
	"io/fs"
	"os"
)

// withoutDrafts leaves out the documents whose front matter says draft:
// true, unless drafts are asked for: as in Hugo, a draft is neither built
// nor exported by default.
func (p *Project) withoutDrafts(sources []Source, drafts bool) ([]Source, error) {
	if drafts {
		return sources, nil
	}
	out := sources[:0:0]
	var errs pipeline.ErrorList
	for _, s := range sources {
		draft, err := p.isDraft(s)
		if err != nil {
			errs.Add(err)
			continue
		}
		if !draft {
			out = append(out, s)
		}
	}
	return out, errs.Err()
}

// isDraft reads whether a document is a draft. Only Markdown has front
// matter.
func (p *Project) isDraft(s Source) (bool, error) {
	if f := p.formats.For(s.Rel); f == nil || f.Name() != pipeline.FormatMarkdown {
		return false, nil
	}
	name := p.ContentPath(s)
	src, err := p.ws.ReadFile(name)
	if err != nil {
		return false, err
	}
	m, err := markdown.ReadMeta(name, src)
	return m.Draft, err
}

// unpublishDraft removes the pages a draft has in output/ from a build
// that published it (before it became a draft, or with --drafts): a draft
// is not published. Files it references stay, as other pages may use them.
func (p *Project) unpublishDraft(s Source, locales []string, log io.Writer) error {
	for _, l := range locales {
		for _, ext := range []string{".html", ".md"} {
			rel := p.OutputPath(l, s, ext)
			name, err := p.path(rel)
			if err != nil {
				return err
			}
			err = os.Remove(name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return fmt.Errorf("remove %s: %w", rel, err)
			}
			if log != nil {
				fmt.Fprintf(log, "removed %s: %s is a draft\n", rel, p.ContentPath(s))
			}
		}
	}
	return nil
}
