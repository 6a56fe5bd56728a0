package project

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// withoutDrafts leaves out the documents whose front matter says draft:
// true, unless drafts are asked for: as in Hugo, a draft is neither built
// nor exported by default.
func (p *Project) withoutDrafts(sources []Source, drafts bool) ([]Source, error) {
	if drafts {
		return sources, nil
	}
	out := sources[:0:0]
	var errs errorList
	for _, s := range sources {
		draft, err := p.isDraft(s)
		if err != nil {
			errs.add(err)
			continue
		}
		if !draft {
			out = append(out, s)
		}
	}
	return out, errs.err()
}

// isDraft reads whether a document is a draft. Only Markdown has front
// matter.
func (p *Project) isDraft(s Source) (bool, error) {
	if formatOf(s.Rel) != pipeline.FormatMarkdown {
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
