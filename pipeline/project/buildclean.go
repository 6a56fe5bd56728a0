package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// removeGone removes the outputs of the documents that left the project
// since a build wrote them, and makes the cache forget those documents.
// Only files the build cache lists as written by a build are removed, never
// one that is now an output of another document, nor anything else in the
// output folder; folders left empty go too. It runs once the build's own
// files are in place. A file that cannot be removed is reported on log and
// stays listed, for the next build to try again.
func (p *Project) removeGone(c *cache.Build, sources []Source, shard tree.Shard, log io.Writer) {
	present := make(map[string]bool, len(sources))
	for _, s := range sources {
		present[s.Rel] = true
	}
	var gone []string
	for rel := range c.Wrote {
		if !present[rel] && shard.Has(rel) {
			gone = append(gone, rel)
		}
	}
	for rel := range c.Docs {
		if !present[rel] && shard.Has(rel) && c.Wrote[rel] == nil {
			gone = append(gone, rel)
		}
	}
	if len(gone) == 0 {
		return
	}
	slices.Sort(gone)
	// Outputs another document writes now (a.md renamed a.txt builds the
	// same pages) stay.
	live := map[string]bool{}
	for rel, outs := range c.Wrote {
		if present[rel] {
			for _, o := range outs {
				live[o] = true
			}
		}
	}
	dirs := map[string]bool{}
	out := path.Clean(p.Config.Output) + "/"
	for _, rel := range gone {
		failed, removed := false, 0
		for _, o := range c.Wrote[rel] {
			if live[o] {
				continue
			}
			// The cache is a file anyone could have written: what it
			// lists is removed only inside the output folder, inside the
			// project.
			name, err := p.WS.Path(o)
			if err == nil && !strings.HasPrefix(path.Clean(o), out) {
				err = fmt.Errorf("not in the output folder %s", p.Config.Output)
			}
			if err != nil {
				// Never a build's: left alone, and forgotten.
				if log != nil {
					fmt.Fprintf(log, "%s: listed in the build cache, not removed: %v\n", o, err)
				}
				continue
			}
			err = os.Remove(name)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				failed = true
				if log != nil {
					fmt.Fprintf(log, "%s: its document %s is gone, but it cannot be removed: %v\n", o, p.ContentPath(Source{Rel: rel}), err)
				}
				continue
			}
			if err == nil {
				removed++
			}
			dirs[path.Dir(o)] = true
		}
		if removed > 0 && log != nil {
			fmt.Fprintf(log, "%s: the document is gone; removed the %d files builds wrote for it\n", p.ContentPath(Source{Rel: rel}), removed)
		}
		if !failed {
			c.Forget(rel)
		}
	}
	p.removeEmptyDirs(dirs)
}

// removeEmptyDirs removes the folders, and their parents up to the output
// folder, that are left empty.
func (p *Project) removeEmptyDirs(dirs map[string]bool) {
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	// Deepest first, so a parent is empty once its children went.
	slices.SortFunc(list, func(a, b string) int { return len(b) - len(a) })
	root := path.Clean(p.Config.Output) + "/"
	for _, d := range list {
		for strings.HasPrefix(d+"/", root) && d+"/" != root {
			name, err := p.WS.Path(d)
			if err != nil || os.Remove(name) != nil {
				break // not empty, not there, or not ours
			}
			d = path.Dir(d)
		}
	}
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
