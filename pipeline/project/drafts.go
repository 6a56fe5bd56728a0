package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
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

// isDraft reads whether a document is a draft; only a format that reads
// publishing keys (format.MetaReader) has drafts.
func (p *Project) isDraft(s Source) (bool, error) {
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

// unpublishDraft removes the pages a draft has in output/ from a build
// that published it (before it became a draft, or with --drafts): a draft
// is not published. Files it references stay, as other pages may use them.
func (p *Project) unpublishDraft(s Source, locales []string, log io.Writer) error {
	// Every output its format builds, as tree.OutputPaths lists them.
	for _, rel := range p.OutputPaths(s, locales) {
		name, err := p.Path(rel)
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
	return nil
}
