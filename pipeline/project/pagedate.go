package project

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// The date a page shows belongs to the document, never to the checkout:
// a fresh clone, or a file touched, must build the same bytes.
const (
	// noDate is a page that shows no date.
	noDate = math.MinInt64
	// dateInSource marks, in the build cache, a date the document itself
	// gives (front matter): it changes only with the document's bytes.
	dateInSource = math.MaxInt64
)

// pageDates answers, for one run, which date each page shows. The git
// history is read at most once, and only if a document needs it.
type pageDates struct {
	p     *Project
	git   func() map[string]int64
	epoch func() (int64, error)
}

func (p *Project) newPageDates() *pageDates {
	return &pageDates{
		p:   p,
		git: sync.OnceValue(p.gitDates),
		epoch: sync.OnceValues(func() (int64, error) {
			v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
			if !ok || v == "" {
				return noDate, nil
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return noDate, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative number of seconds", v)
			}
			return n, nil
		}),
	}
}

// of is the date a document's page shows, zero for none: the front
// matter's lastmod, then its date; else the time of the last commit that
// touched the file; else SOURCE_DATE_EPOCH; else none.
func (d *pageDates) of(s Source, meta markdown.Meta) (time.Time, error) {
	if !meta.Date.IsZero() {
		return meta.Date, nil
	}
	sec, err := d.fallback(s)
	if err != nil || sec == noDate {
		return time.Time{}, err
	}
	return time.Unix(sec, 0).UTC(), nil
}

// fallback is the date of a document without one in its front matter, in
// seconds, or noDate: what the build cache compares to tell that a new
// commit changed a page.
func (d *pageDates) fallback(s Source) (int64, error) {
	if sec, ok := d.git()[d.p.ContentPath(s)]; ok {
		return sec, nil
	}
	return d.epoch()
}

// cacheKey is what the build cache records of a page's date: dateInSource
// when the document gives it, else the fallback used.
func (d *pageDates) cacheKey(s Source, meta markdown.Meta) (int64, error) {
	if !meta.Date.IsZero() {
		return dateInSource, nil
	}
	return d.fallback(s)
}

// meta reads what a document says about publishing it, through its
// format (front matter, for Markdown).
func (p *Project) meta(doc *pipeline.Document) (format.Meta, error) {
	return format.ReadMeta(p.Formats.For(doc.Path), doc.Path, doc.Source)
}
