package mt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"time"
)

// OutputFloor and OutputFactor bound what quipu reads from an engine: a
// translation is rarely more than a few times its source, so an answer
// longer than OutputFactor times the input plus OutputFloor is a program
// gone wrong, stopped before it fills the memory.
const (
	OutputFloor  = 1 << 20
	OutputFactor = 8
)

// errTooLong is the error of an engine that said more than it may.
var errTooLong = errors.New("answer too long")

// capped is a buffer that holds at most max bytes and calls stop (which
// ends the engine) the first time more comes; without stop, what comes
// past max is dropped.
type capped struct {
	// buf is not embedded: its ReadFrom would let io.Copy pass the
	// bound by.
	buf  bytes.Buffer
	max  int
	over bool
	stop func()
}

func (c *capped) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		if c.stop == nil {
			return len(p), nil // the rest of a long error message, not needed
		}
		if !c.over {
			c.over = true
			c.stop()
		}
		return 0, errTooLong
	}
	return c.buf.Write(p)
}

// run runs an engine's program on input with a timeout, killing the
// program and every process it started (its process group) when the
// time is up or its answer grows past the bound. It returns the program's
// standard output.
func run(ctx context.Context, name string, timeout time.Duration, input []byte, args ...string) ([]byte, error) {
	if timeout == 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	cmd := exec.CommandContext(runCtx, args[0], args[1:]...)
	cmd.Stdin = bytes.NewReader(input)
	limit := OutputFactor*len(input) + OutputFloor
	out := &capped{max: limit, stop: stop}
	stderr := &capped{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = out, stderr
	ownGroup(cmd)
	// A program that leaves a child holding its pipes must not hang us.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case out.over:
		return nil, fmt.Errorf("%s: answered more than %d bytes for %d bytes of input (stopped)", name, limit, len(input))
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("%s: no answer within %s (killed)", name, timeout)
	case errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist):
		// It never ran: there is no message of its own to show.
		return nil, fmt.Errorf("%s: program %q not found", name, args[0])
	case err != nil:
		if msg := firstLine(stderr.buf.String()); msg != "" {
			return nil, fmt.Errorf("%s: %v: %s", name, err, msg)
		}
		return nil, fmt.Errorf("%s: %v (nothing on stderr)", name, err)
	}
	return out.buf.Bytes(), nil
}
