package pipeline_test

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
)

// TestErrorList protects how a run reports its problems: flattened, sorted
// by file and position (errors without a position by their text), printed
// one a line, and each still reachable by errors.As and errors.Is.
func TestErrorList(t *testing.T) {
	var inner pipeline.ErrorList
	inner.Add(&pipeline.Error{Pos: pipeline.Position{File: "b.toml", Line: 3, Col: 1}, Msg: "three"})
	inner.Add(&pipeline.Error{Pos: pipeline.Position{File: "b.toml", Line: 1, Col: 9}, Msg: "one"})
	var l pipeline.ErrorList
	l.Add(fmt.Errorf("write c.md: %w", fs.ErrPermission))
	l.Add(inner)
	l.Add(fmt.Errorf("load: %w", &pipeline.Error{Pos: pipeline.Position{File: "a.md", Line: 2, Col: 5}, Msg: "bad"}))
	err := l.Err()
	want := "load: a.md:2:5: bad\nb.toml:1:9: one\nb.toml:3:1: three\nwrite c.md: permission denied"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
	var pe *pipeline.Error
	if !errors.As(err, &pe) || pe.Pos.File != "a.md" || pe.Pos.Line != 2 {
		t.Errorf("errors.As found %+v, want the position a.md:2:5", pe)
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Error("errors.Is does not reach a wrapped error")
	}
	var none pipeline.ErrorList
	if none.Err() != nil {
		t.Error("an empty list is an error")
	}
}

// TestInvalidUTF8 protects the offset every reader reports.
func TestInvalidUTF8(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", -1},
		{"Perú", -1},
		{"ab\xffc", 2},
		{"é\xc3", 2},
	} {
		if got := pipeline.InvalidUTF8([]byte(tt.in)); got != tt.want {
			t.Errorf("InvalidUTF8(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
