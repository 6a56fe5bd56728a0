package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/digest"
)

// progress draws "documents done/total, rate, ETA" on a terminal's stderr.
// It stays silent on a pipe, in CI, and with --quiet: logs must stay clean.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

// newLog collects a command's per-file lines and warnings, to print them
// once the progress bar is gone: the first few of each kind, every one with
// -v, none with -q.
func newLog(c *cli.Context) *digest.Log {
	return &digest.Log{Verbose: c.Bool("verbose"), Quiet: c.Bool("quiet")}
}

func newProgress(c *cli.Context) *progress {
	if c.Bool("quiet") || os.Getenv("CI") != "" || !isTerminal(c.App.ErrWriter) {
		return nil
	}
	return &progress{w: c.App.ErrWriter, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update is safe to call from many goroutines; it redraws at most ten
// times a second.
func (p *progress) update(done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(done) / max(elapsed, 1e-3)
	eta := "--"
	if rate > 0 {
		eta = (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	const width = 30
	fill := width * done / max(total, 1)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if i < fill {
			bar[i] = '='
		}
	}
	fmt.Fprintf(p.w, "\r[%s] %d/%d documents  %.0f/s  ETA %s ", bar, done, total, rate, eta)
}

// clear removes the bar before the summary is printed.
func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprintf(p.w, "\r%80s\r", "")
}

func (p *progress) callback() func(done, total int) {
	if p == nil {
		return nil
	}
	return p.update
}
