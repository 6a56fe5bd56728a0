package mt

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/shlex"
)

// Command is any program that translates segments by the line protocol:
// it reads segments on stdin, one a line, and writes on stdout one
// translation a line, in the same order, then exits 0. In a line, a
// backslash is written \\, a line break \n and a carriage return \r, so
// one segment is one line whatever it holds. Segments are protected as
// Protect writes them: XML-escaped text, tags as <x1>…</x1> and <x2/>.
type Command struct {
	// Args is the program and its arguments.
	Args []string
	// Timeout bounds one run (a batch); zero means a minute.
	Timeout time.Duration
}

var _ Engine = (*Command)(nil)

// NewCommand parses a command line ("prog --to es"), with shell-style
// quotes, into a Command.
func NewCommand(line string) (*Command, error) {
	args, err := shlex.Split(line)
	if err != nil {
		return nil, fmt.Errorf("--command %q: %w", line, err)
	}
	if len(args) == 0 {
		return nil, errors.New("--command is empty: name the program that translates")
	}
	return &Command{Args: args}, nil
}

// Name is the command line.
func (c *Command) Name() string { return "command " + strings.Join(c.Args, " ") }

// Translate runs the program once for all the segments. A program that
// fails, hangs past the timeout or answers with another number of lines
// is an error that says so.
func (c *Command) Translate(ctx context.Context, segs []string) ([]string, error) {
	var in bytes.Buffer
	for _, s := range segs {
		in.WriteString(EscapeLine(s))
		in.WriteByte('\n')
	}
	out, err := run(ctx, c.Name(), c.Timeout, in.Bytes(), c.Args...)
	if err != nil {
		return nil, err
	}
	var res []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 64<<20)
	for sc.Scan() {
		res = append(res, UnescapeLine(strings.TrimSuffix(sc.Text(), "\r")))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: reading its output: %w", c.Name(), err)
	}
	if len(res) != len(segs) {
		return nil, fmt.Errorf("%s returned %d lines for %d segments (one translation a line, in order)", c.Name(), len(res), len(segs))
	}
	return res, nil
}

var lineEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`)

// EscapeLine writes a segment as one line of the protocol.
func EscapeLine(s string) string { return lineEscaper.Replace(s) }

// UnescapeLine reads one line of the protocol; an unknown escape is kept
// as written.
func UnescapeLine(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
