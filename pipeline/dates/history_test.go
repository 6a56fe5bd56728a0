package dates

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestGitDatesFollowHead: each file gets the time of the last commit that
// touched it, read in one pass, kept in .quipu/ while HEAD stays, brought
// up to date from the new commits alone when HEAD moves ahead, and read
// anew when history is rewritten.
func TestGitDatesFollowHead(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	root := t.TempDir()
	gitRun := func(when string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Ana", "GIT_AUTHOR_EMAIL=ana@example.pe",
			"GIT_COMMITTER_NAME=Ana", "GIT_COMMITTER_EMAIL=ana@example.pe",
			"GIT_AUTHOR_DATE="+when, "GIT_COMMITTER_DATE="+when)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(rel, data string) {
		t.Helper()
		name := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dates := func() map[string]int64 {
		t.Helper()
		p, err := tree.Open(root)
		if err != nil {
			t.Fatal(err)
		}
		return Git(p)
	}
	check := func(what string, want map[string]int64) {
		t.Helper()
		got := dates()
		for name, w := range want {
			if got[name] != w {
				t.Errorf("%s: %s dated %d, want %d", what, name, got[name], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files dated, want %d: %v", what, len(got), len(want), got)
		}
	}

	write("content/a.md", "# A\n")
	write("content/guide/b é.md", "# B\n")
	write("notes.md", "not content\n")
	gitRun("1600000000", "init", "-q")
	gitRun("1600000000", "add", ".")
	gitRun("1600000000", "commit", "-q", "-m", "first")
	write("content/a.md", "# A, again\n")
	gitRun("1650000000", "commit", "-q", "-am", "second")
	check("two commits", map[string]int64{"content/a.md": 1650000000, "content/guide/b é.md": 1600000000})

	// While HEAD stays, the map comes from .quipu/: a cache edited by hand
	// shows through.
	cachePath := filepath.Join(root, ".quipu", "dates.cache")
	c, ok := cache.ReadDates(cachePath, "content")
	if !ok {
		t.Fatal("no dates cache written")
	}
	c.Dates["content/a.md"] = 42
	if err := os.WriteFile(cachePath, c.Encode(), 0o644); err != nil {
		t.Fatal(err)
	}
	check("cached", map[string]int64{"content/a.md": 42, "content/guide/b é.md": 1600000000})

	// HEAD moves ahead: only the new commit is read.
	write("content/guide/b é.md", "# B, again\n")
	gitRun("1700000000", "commit", "-q", "-am", "third")
	check("one commit more", map[string]int64{"content/a.md": 42, "content/guide/b é.md": 1700000000})

	// History rewritten: everything is read again.
	gitRun("1700000000", "reset", "-q", "--hard", "HEAD~1")
	check("reset", map[string]int64{"content/a.md": 1650000000, "content/guide/b é.md": 1600000000})
}

// TestGitDatesOutsideARepository: no repository, no dates, no cache.
func TestGitDatesOutsideARepository(t *testing.T) {
	root := t.TempDir()
	if inRepository(root) {
		t.Skip("the temporary folder is inside a git repository")
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if d := Git(p); len(d) != 0 {
		t.Errorf("dates outside a repository: %v", d)
	}
	if _, err := os.Stat(filepath.Join(root, ".quipu")); err == nil {
		t.Error("a .quipu folder was made outside a repository")
	}
}
