package project

import (
	"errors"
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// errorList gathers the problems of a whole run so they are reported
// together, sorted by file and position, as a compiler does.
type errorList struct {
	items []error
}

func (l *errorList) add(err error) {
	var cl catalog.ErrorList
	if errors.As(err, &cl) {
		for _, e := range cl {
			l.items = append(l.items, e)
		}
		return
	}
	l.items = append(l.items, err)
}

func (l *errorList) err() error {
	if len(l.items) == 0 {
		return nil
	}
	sort.SliceStable(l.items, func(i, j int) bool {
		pi, pj := position(l.items[i]), position(l.items[j])
		if pi.File != pj.File {
			return pi.File < pj.File
		}
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		return pi.Col < pj.Col
	})
	var b strings.Builder
	last := ""
	for i, e := range l.items {
		msg := e.Error()
		if i > 0 && msg == last {
			continue // one cause met by many documents, such as a link out
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(msg)
		last = msg
	}
	return errors.New(b.String())
}

func position(err error) pipeline.Position {
	var pe *pipeline.Error
	if errors.As(err, &pe) {
		return pe.Pos
	}
	return pipeline.Position{File: err.Error()}
}
