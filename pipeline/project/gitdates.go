package project

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
)

// gitDates maps each file under the content folder (project-relative,
// slash-separated) to the commit time of the last commit that touched it.
// One pass over the history serves every document (a git process per page
// would cost seconds on thousands), and its result is kept in .quipu/
// with the commit it was read at: while HEAD stays there, a build reads the
// map back; when HEAD moved ahead, only the new commits are read. Outside
// a repository, or without git, the map is empty.
func (p *Project) gitDates() map[string]int64 {
	if !inRepository(p.Root) {
		return map[string]int64{} // no git process to start, on every build
	}
	head := git(p.Root, "rev-parse", "HEAD")
	if head == "" {
		return map[string]int64{}
	}
	cachePath, err := p.Path(path.Join(config.CacheDir, "dates.cache"))
	if err != nil {
		cachePath = "" // .quipu/ leads outside the project: no cache
	}
	old, ok := readDatesCache(cachePath, p.Config.Content)
	switch {
	case ok && old.head == head:
		return old.dates
	case ok && exec.Command("git", "-C", p.Root, "merge-base", "--is-ancestor", old.head, head).Run() == nil:
		// HEAD moved ahead: the new commits' files are newer.
		newer, err := gitLog(p.Root, p.Config.Content, old.head+".."+head)
		if err != nil {
			return map[string]int64{}
		}
		maps.Copy(old.dates, newer)
		old.head = head
	default:
		dates, err := gitLog(p.Root, p.Config.Content, head)
		if err != nil {
			return map[string]int64{}
		}
		old = datesCache{head: head, content: p.Config.Content, dates: dates}
	}
	// A cache that cannot be written costs the next build a pass.
	if cachePath != "" && os.MkdirAll(filepath.Dir(cachePath), 0o755) == nil {
		fsutil.WriteFast(cachePath, old.encode())
	}
	return old.dates
}

// gitLog reads, for the commits of revs, the time of the latest commit
// that touched each file under content.
func gitLog(root, content, revs string) (map[string]int64, error) {
	// %x01 starts each commit: no file name begins with it. -z keeps names
	// unquoted; --relative names them from the project folder.
	cmd := exec.Command("git", "-C", root, "log", "--format=%x01%ct", "--name-only", "-z", "--relative", revs, "--", content)
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	dates := map[string]int64{}
	var when int64
	for _, tok := range bytes.Split(out, []byte{0}) {
		if len(tok) > 0 && tok[0] == 1 {
			when, _ = strconv.ParseInt(string(tok[1:]), 10, 64)
			continue
		}
		name := strings.TrimPrefix(string(tok), "\n")
		if name == "" {
			continue
		}
		// Commits come newest first, but a rebase can leave an older
		// commit time above a newer one: the latest wins.
		name = path.Clean(name)
		if was, ok := dates[name]; !ok || when > was {
			dates[name] = when
		}
	}
	return dates, nil
}

// inRepository reports whether root may be in a git repository: a .git in
// it or a folder above, or GIT_DIR set.
func inRepository(root string) bool {
	if os.Getenv("GIT_DIR") != "" {
		return true
	}
	dir, err := filepath.Abs(root)
	if err != nil {
		return true // let git tell
	}
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return true
		}
		up := filepath.Dir(dir)
		if up == dir {
			return false
		}
		dir = up
	}
}

// datesCache is gitDates' map as of one commit, for one content folder.
type datesCache struct {
	head, content string
	dates         map[string]int64
}

const datesCacheMagic = "quipu dates cache 1\n"

func (c datesCache) encode() []byte {
	e := &encoder{b: make([]byte, 0, 64+len(c.dates)*48)}
	e.b = append(e.b, datesCacheMagic...)
	e.str(c.head)
	e.str(c.content)
	e.uint(uint64(len(c.dates)))
	for _, name := range slices.Sorted(maps.Keys(c.dates)) {
		e.str(name)
		e.int(c.dates[name])
	}
	return e.b
}

// readDatesCache reads the cache at name, if it was made for content.
func readDatesCache(name, content string) (datesCache, bool) {
	if name == "" {
		return datesCache{}, false
	}
	data, err := os.ReadFile(name)
	if err != nil || !bytes.HasPrefix(data, []byte(datesCacheMagic)) {
		return datesCache{}, false
	}
	d := &decoder{b: data, s: string(data), off: len(datesCacheMagic)}
	c := datesCache{head: d.str(), content: d.str()}
	n := d.count(2)
	c.dates = make(map[string]int64, n)
	for range n {
		name := d.str()
		c.dates[name] = d.int()
	}
	if d.err != nil || d.off != len(d.b) || c.content != content || c.head == "" {
		return datesCache{}, false
	}
	return c, true
}
