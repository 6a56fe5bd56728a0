package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/cache"
)

// settleAssets removes the copies of assets that builds wrote for the
// documents of this build and that no page published now uses: the file
// left content/, a page stopped referencing it, or only a draft left out
// of this build did. Only copies the build cache lists as written by a
// build are removed, in the locales built this time, never pages, and
// never a file another document's pages use or may use (one of another
// shard's, or of a document that is gone but whose files could not be
// removed). Output and export then agree on the assets of each locale.
//
// It returns how many asset copies the published pages use, for the
// build's count of files.
func (p *Project) settleAssets(c *cache.Build, sources []Source, reports []*docReport, locales []string, drafts bool, log io.Writer) int {
	out := path.Clean(p.Config.Output)
	live := map[string]bool{}
	built := make(map[string]bool, len(sources))
	for i, s := range sources {
		built[s.Rel] = true
		rep := reports[i]
		if rep == nil || rep.Draft && !drafts {
			continue
		}
		for _, l := range locales {
			for _, ref := range rep.Assets {
				live[path.Join(out, l, ref)] = true
			}
		}
	}
	used := len(live)
	for rel, outs := range c.Wrote {
		if !built[rel] {
			for _, o := range outs {
				live[o] = true
			}
		}
	}
	inLocale := make(map[string]bool, len(locales))
	for _, l := range locales {
		inLocale[l] = true
	}
	stale := func(o string, outputs map[string]bool) bool {
		if live[o] || outputs[o] {
			return false // in use, or one of the document's outputs (a draft's go in unpublishDraft)
		}
		rest, ok := strings.CutPrefix(o, out+"/")
		l, _, _ := strings.Cut(rest, "/")
		return ok && inLocale[l]
	}
	dirs := map[string]bool{}
	for _, s := range sources {
		outs := c.Wrote[s.Rel]
		keep := outs[:0:0]
		outputs := map[string]bool{}
		for _, o := range p.OutputPaths(s, locales) {
			outputs[o] = true
		}
		for _, o := range outs {
			if !stale(o, outputs) || !p.removeStale(o, log) {
				keep = append(keep, o)
				continue
			}
			dirs[path.Dir(o)] = true
		}
		if len(keep) < len(outs) {
			c.SetWritten(s.Rel, keep)
		}
	}
	p.removeEmptyDirs(dirs)
	return used
}

// removeStale removes one asset copy no page uses, and reports whether
// it is gone (or was already). Removed only inside the output folder, as
// the cache that lists it is a file anyone could have written.
func (p *Project) removeStale(o string, log io.Writer) bool {
	name, err := p.WS.Path(o)
	if err == nil && !strings.HasPrefix(path.Clean(o), path.Clean(p.Config.Output)+"/") {
		err = fmt.Errorf("not in the output folder %s", p.Config.Output)
	}
	if err == nil {
		err = os.Remove(name)
		if errors.Is(err, fs.ErrNotExist) {
			return true
		}
		if err == nil {
			if log != nil {
				fmt.Fprintf(log, "removed %s: no published page uses it now\n", o)
			}
			return true
		}
	}
	if log != nil {
		fmt.Fprintf(log, "%s: no published page uses it now, but it cannot be removed: %v\n", o, err)
	}
	return false
}
