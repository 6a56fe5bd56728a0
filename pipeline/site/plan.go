package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// File is a page to place in the site.
type File struct {
	Path   string // project-relative
	Locale string
	Data   []byte // marked (see Mark)
}

// Plan is what placing a build's pages does to the site: files to write,
// files to remove, and how many were already as they should be.
type Plan struct {
	Write     []File
	Remove    []string
	Unchanged int
}

// UnmarkedError is a place the build would write that holds a file
// without quipu's mark: a page a person wrote, which quipu never replaces.
type UnmarkedError struct{ Path string }

func (e *UnmarkedError) Error() string {
	return fmt.Sprintf("%s: a file quipu did not write is where the build places a translation (it has no %s: true in its front matter); move it away, or turn it into translations in the locale's message file, then build again", e.Path, MarkerKey)
}

// MakePlan decides what placing want does, given the files placed before
// (previous) and a way to read what is there now: a file is overwritten
// or removed only when it carries the mark; one that does not stops the
// plan, with every such file named, before anything is written. A file
// placed before and no longer wanted that lost its mark is left alone.
func MakePlan(want []File, previous []string, read func(path string) ([]byte, error)) (Plan, error) {
	var plan Plan
	var errs []string
	wanted := map[string]bool{}
	for _, f := range want {
		wanted[f.Path] = true
		old, err := read(f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			plan.Write = append(plan.Write, f)
		case err != nil:
			errs = append(errs, err.Error())
		case bytes.Equal(old, f.Data):
			plan.Unchanged++
		case Marked(old):
			plan.Write = append(plan.Write, f)
		default:
			errs = append(errs, (&UnmarkedError{Path: f.Path}).Error())
		}
	}
	for _, p := range previous {
		if wanted[p] {
			continue
		}
		if old, err := read(p); err == nil && Marked(old) {
			plan.Remove = append(plan.Remove, p)
		}
	}
	sort.Strings(plan.Remove)
	if len(errs) > 0 {
		sort.Strings(errs)
		return Plan{}, errors.New(strings.Join(errs, "\n"))
	}
	return plan, nil
}
