package tree

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
)

// WithoutDrafts leaves out the documents whose front matter says draft:
// true, unless drafts are asked for: as in Hugo, a draft is neither built
// nor exported by default.
func (p *Tree) WithoutDrafts(sources []Source, drafts bool) ([]Source, error) {
	if drafts {
		return sources, nil
	}
	out := sources[:0:0]
	var errs pipeline.ErrorList
	for _, s := range sources {
		draft, err := p.IsDraft(s)
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

// IsDraft reads whether a document is a draft; only a format that reads
// publishing keys (format.MetaReader) has drafts.
func (p *Tree) IsDraft(s Source) (bool, error) {
	f := p.Formats.For(s.Rel)
	if _, ok := f.(format.MetaReader); !ok {
		return false, nil
	}
	name := p.ContentPath(s)
	src, err := p.WS.ReadFile(name)
	if err != nil {
		return false, err
	}
	return format.IsDraft(f, name, src)
}
