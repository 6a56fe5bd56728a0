// Package digest shortens a run's log for people: of each kind of line
// (files written, documents falling back to English…), the first few and
// how many more, instead of thousands of lines.
package digest

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/quipu-l10n/quipu/pipeline/say"
)

// First is how many lines of each kind a digest shows.
const First = 3

// Log collects the lines a run writes to it (from any goroutine) and
// prints them when the run is over, so that nothing is drawn over a
// progress bar. Verbose prints every line; Quiet prints none.
type Log struct {
	Verbose, Quiet bool

	mu      sync.Mutex
	partial []byte
	kinds   []string            // in order of first appearance
	lines   map[string][]string // kind → the first lines (all when Verbose)
	counts  map[string]int
}

// Write stores whole lines; a line cut between two writes is kept until
// its end comes.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		l.add(string(l.partial[:i]))
		l.partial = l.partial[i+1:]
	}
	return len(p), nil
}

func (l *Log) add(line string) {
	if l.lines == nil {
		l.lines, l.counts = map[string][]string{}, map[string]int{}
	}
	k := Kind(line)
	if l.counts[k] == 0 {
		l.kinds = append(l.kinds, k)
	}
	l.counts[k]++
	if l.Verbose || len(l.lines[k]) < First {
		l.lines[k] = append(l.lines[k], line)
	}
}

// Len is the number of lines written so far.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.counts {
		n += c
	}
	return n
}

// Flush prints the digest: of each kind, its first lines and a count of
// the others ("… and 7,422 more").
func (l *Log) Flush(w io.Writer) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.partial) > 0 {
		l.add(string(l.partial))
		l.partial = nil
	}
	if l.Quiet {
		return nil
	}
	var b strings.Builder
	for _, k := range l.kinds {
		for _, line := range l.lines[k] {
			b.WriteString(line)
			b.WriteByte('\n')
		}
		if more := l.counts[k] - len(l.lines[k]); more > 0 {
			fmt.Fprintf(&b, "%s\n", say.Count("More", more))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var (
	verbLine = regexp.MustCompile(`^([a-z]+) (\S+)$`)
	prefix   = regexp.MustCompile(`^([^\s:]+)(?::\d+)*: `)
	locale   = regexp.MustCompile(`^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$`)
	digits   = regexp.MustCompile(`[0-9]+`)
	// messageID is a message named in a warning: one kind for all.
	messageID = regexp.MustCompile(`\bmessage \S+: `)
)

// Kind names the kind of a log line, per locale: its verb and first two
// folders for "write locales/es-PE/a.toml", else its message with the
// file, position and numbers taken out, so that
// "content/a.md: es-PE: 3 of 5 segments untranslated" and
// "content/b.md: es-PE: 1 of 9 segments untranslated" are one kind, and
// the same line for another locale another.
func Kind(line string) string {
	if m := verbLine.FindStringSubmatch(line); m != nil {
		parts := strings.SplitN(m[2], "/", 3)
		if len(parts) == 3 {
			return m[1] + " " + parts[0] + "/" + parts[1]
		}
		return m[1]
	}
	rest, loc := line, ""
	for {
		m := prefix.FindStringSubmatch(rest)
		if m == nil {
			break
		}
		if locale.MatchString(m[1]) {
			loc = m[1] + ": "
		} else if l := fileLocale(m[1]); l != "" {
			loc = l + ": "
		}
		rest = rest[len(m[0]):]
	}
	rest = messageID.ReplaceAllString(rest, "message ID: ")
	return loc + digits.ReplaceAllString(rest, "N")
}

// fileLocale is the locale of a message file's path
// (locales/es-PE/a.es-PE.toml), or "".
func fileLocale(p string) string {
	parts := strings.Split(p, "/")
	for _, dir := range parts[:len(parts)-1] {
		if locale.MatchString(dir) && strings.HasSuffix(p, "."+dir+".toml") {
			return dir
		}
	}
	return ""
}

// Lines writes n lines to w, line(i) the i-th, as a Log prints one kind:
// the first few and a count of the others, or all of them when verbose.
// For lists that are one kind already (a locale's gaps), built outside a
// Log; only the lines shown are made.
func Lines(w io.Writer, n int, verbose bool, line func(i int) string) {
	shown := n
	if !verbose {
		shown = min(n, First)
	}
	for i := range shown {
		fmt.Fprintf(w, "%s\n", line(i))
	}
	if more := n - shown; more > 0 {
		fmt.Fprintf(w, "%s\n", say.Count("More", more))
	}
}
