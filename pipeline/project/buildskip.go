package project

import (
	"os"
	"path"
	"slices"

	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/dates"
)

// unchanged returns the report of a document the build can skip: one left
// out as a draft since it was last read (unless drafts are built), or one
// whose inputs, outputs, page date and assets are as its last build left
// them.
func (p *Project) unchanged(c *cache.Build, s Source, in cache.Inputs, locales []string, drafts bool, pd *dates.Pages) (*docReport, bool) {
	e := c.Entry(s.Rel)
	if e == nil || !e.Inputs.Equal(in) {
		return nil, false
	}
	if e.Report.Draft && !drafts {
		return &e.Report, true
	}
	rep, ok := c.Lookup(s.Rel, in, p.OutputPaths(s, locales))
	if !ok {
		return nil, false
	}
	if rep.Date != dates.InSource {
		// A new commit, or SOURCE_DATE_EPOCH set, changes the date of a
		// page whose front matter gives none.
		if now, err := pd.Fallback(s); err != nil || now != rep.Date {
			return nil, false
		}
	}
	if !slices.Equal(e.Assets, p.assetStats(rep.Assets, locales)) {
		return nil, false
	}
	for _, ref := range rep.Missing {
		if _, err := os.Lstat(p.Abs(path.Join(p.Config.Content, ref))); err == nil {
			return nil, false // there now: to copy
		}
	}
	return rep, true
}
