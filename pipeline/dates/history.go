package dates

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Git maps each file under the content folder (project-relative,
// slash-separated) to the commit time of the last commit that touched it.
// One pass over the history serves every document (a git process per page
// would cost seconds on thousands), and its result is kept in .quipu/
// with the commit it was read at: while HEAD stays there, a build reads the
// map back; when HEAD moved ahead, only the new commits are read. Outside
// a repository, or without git, the map is empty.
func Git(p *tree.Tree) map[string]int64 {
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
	old, ok := cache.ReadDates(cachePath, p.Config.Content)
	switch {
	case ok && old.Head == head:
		return old.Dates
	case ok && exec.Command("git", "-C", p.Root, "merge-base", "--is-ancestor", old.Head, head).Run() == nil:
		// HEAD moved ahead: the new commits' files are newer.
		newer, err := gitLog(p.Root, p.Config.Content, old.Head+".."+head)
		if err != nil {
			return map[string]int64{}
		}
		maps.Copy(old.Dates, newer)
		old.Head = head
	default:
		dates, err := gitLog(p.Root, p.Config.Content, head)
		if err != nil {
			return map[string]int64{}
		}
		old = cache.Dates{Head: head, Content: p.Config.Content, Dates: dates}
	}
	// A cache that cannot be written costs the next build a pass.
	if cachePath != "" && os.MkdirAll(filepath.Dir(cachePath), 0o755) == nil {
		fsutil.WriteFast(cachePath, old.Encode())
	}
	return old.Dates
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

// SourceDateEpoch is the time every entry of a bundle carries, so that
// exports of the same sources are identical: $SOURCE_DATE_EPOCH (the
// reproducible-builds convention), else the time of the last git commit,
// else 0.
func SourceDateEpoch(root string) (int64, error) {
	if n, err := epoch(); err != nil || n != none {
		return max(n, 0), err
	}
	if out := git(root, "log", "-1", "--format=%ct"); out != "" {
		if n, err := strconv.ParseInt(out, 10, 64); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, nil
}

// epoch reads $SOURCE_DATE_EPOCH, none when it is unset or empty.
func epoch() (int64, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return none, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return none, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative number of seconds", v)
	}
	return n, nil
}

// Commit is the commit checked out at root, or "" outside a git
// repository.
func Commit(root string) string { return git(root, "rev-parse", "HEAD") }

// git runs a git query quietly; any failure (no git, no repository, no
// commit yet) is an empty answer.
func git(root string, args ...string) string {
	cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
