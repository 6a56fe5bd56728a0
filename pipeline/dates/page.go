// Package dates tells the dates quipu writes: the date each page shows
// (front matter, else the last commit that touched the document, else
// SOURCE_DATE_EPOCH) and the time a bundle's entries carry.
package dates

import (
	"math"
	"sync"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// The date a page shows belongs to the document, never to the checkout:
// a fresh clone, or a file touched, must build the same bytes.
const (
	// none is a page that shows no date.
	none = math.MinInt64
	// InSource marks, in the build cache, a date the document itself
	// gives (front matter): it changes only with the document's bytes.
	InSource = math.MaxInt64
)

// Pages answers, for one run, which date each page shows. The git
// history is read at most once, and only if a document needs it.
type Pages struct {
	t     *tree.Tree
	git   func() map[string]int64
	epoch func() (int64, error)
}

// NewPages is the dates of a project's pages for one run.
func NewPages(t *tree.Tree) *Pages {
	return &Pages{
		t:     t,
		git:   sync.OnceValue(func() map[string]int64 { return Git(t) }),
		epoch: sync.OnceValues(epoch),
	}
}

// Of is the date a document's page shows, zero for none: the front
// matter's lastmod, then its date; else the time of the last commit that
// touched the file; else SOURCE_DATE_EPOCH; else none.
func (d *Pages) Of(s tree.Source, meta markdown.Meta) (time.Time, error) {
	if !meta.Date.IsZero() {
		return meta.Date, nil
	}
	sec, err := d.Fallback(s)
	if err != nil || sec == none {
		return time.Time{}, err
	}
	return time.Unix(sec, 0).UTC(), nil
}

// Fallback is the date of a document without one in its front matter, in
// seconds, or none: what the build cache compares to tell that a new
// commit changed a page.
func (d *Pages) Fallback(s tree.Source) (int64, error) {
	if sec, ok := d.git()[d.t.ContentPath(s)]; ok {
		return sec, nil
	}
	return d.epoch()
}

// CacheKey is what the build cache records of a page's date: dateInSource
// when the document gives it, else the fallback used.
func (d *Pages) CacheKey(s tree.Source, meta markdown.Meta) (int64, error) {
	if !meta.Date.IsZero() {
		return InSource, nil
	}
	return d.Fallback(s)
}
