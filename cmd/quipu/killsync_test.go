package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/internal/testshared"
)

// TestKillSync kills `quipu sync` with SIGKILL at random moments, most of
// them late, while it writes message files, then runs sync and build
// again: locales/ and output/ must then be byte for byte what a sync and a
// build that were never interrupted give. The project is half translated,
// every document edited, a few deleted and many added, so that sync
// rewrites most message files and translation memory changes under it.
func TestKillSync(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL and stale-lock detection")
	}
	// Fewer kills by default; the full loop with QUIPU_SCALE=1 (and in CI).
	docs, kills := 80, 10
	switch {
	case testshared.Scale():
		docs, kills = 200, 40
	case testing.Short():
		docs, kills = 40, 4
	}
	bin := filepath.Join(t.TempDir(), "quipu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "SOURCE_DATE_EPOCH=1764547200") // pages' dates from the clock, not the files
	run := func(root string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"-C", root}, args...)...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("quipu %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	// The state every run starts from: half the documents synced,
	// translated and built, then all of them edited, and as many added.
	base := t.TempDir()
	writeContent(t, base, docs/2, "")
	run(base, "sync")
	translateAll(t, base)
	run(base, "build")
	writeContent(t, base, docs, " Revised.")
	for i := 0; i < docs/2; i += 10 {
		os.Remove(filepath.Join(base, "content", fmt.Sprintf("d%02d", i%10), fmt.Sprintf("doc%03d.md", i)))
	}

	// What an uninterrupted sync and build give.
	clean := t.TempDir()
	copyProject(t, base, clean)
	start := time.Now()
	run(clean, "sync")
	took := time.Since(start)
	run(clean, "build")
	wantLocales, wantOut := snapshot(t, clean, "locales"), snapshot(t, clean, "output")

	// Files are renamed into place in a few milliseconds at the end of a
	// sync, which a kill at a random moment seldom hits: with strace at
	// hand, every other kill comes at the entry of the n-th rename.
	replaced := 0 // files renamed into place; new ones are written in place
	for path, data := range snapshot(t, base, "locales") {
		if w, ok := wantLocales[path]; ok && !bytes.Equal(w, data) {
			replaced++
		}
	}
	strace, _ := exec.LookPath("strace")
	rng := rand.New(rand.NewPCG(3, 4))
	root := t.TempDir()
	mismatches, midway := 0, 0
	for i := range kills {
		copyProject(t, base, root)
		var cmd *exec.Cmd
		if strace != "" && i%2 == 0 {
			n := 1 + rng.IntN(replaced)
			cmd = exec.Command(strace, "-f", "-qq", "-o", os.DevNull, "-e", "trace=rename,renameat,renameat2",
				"-e", fmt.Sprintf("inject=rename,renameat,renameat2:signal=KILL:when=%d", n), bin, "-C", root, "sync")
		} else {
			cmd = exec.Command(bin, "-C", root, "sync")
		}
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if strace == "" || i%2 == 1 {
			time.Sleep(time.Duration(rng.Int64N(int64(took) + 1)))
			cmd.Process.Kill()
		}
		cmd.Wait()
		if len(tempFiles(t, root)) > 0 && len(treeDiff(snapshot(t, base, "locales"), snapshot(t, root, "locales"))) > 0 {
			midway++ // killed between two renames
		}
		run(root, "sync")
		run(root, "build")
		if diff := treeDiff(wantLocales, snapshot(t, root, "locales")); len(diff) > 0 {
			mismatches++
			t.Errorf("kill %d: locales/ differs from an uninterrupted sync's in %d files: %v", i, len(diff), diff[:min(5, len(diff))])
			continue
		}
		if diff := treeDiff(wantOut, snapshot(t, root, "output")); len(diff) > 0 {
			mismatches++
			t.Errorf("kill %d: output/ differs from an uninterrupted build's in %d files: %v", i, len(diff), diff[:min(5, len(diff))])
		}
	}
	t.Logf("%d syncs killed (%d between two renames of files into place), %d recovered to another state than an uninterrupted run's; a sync takes %v", kills, midway, mismatches, took.Round(time.Millisecond))
}

// tempFiles lists the staged files under locales/.
func tempFiles(t *testing.T, root string) []string {
	var out []string
	for path := range snapshot(t, root, "locales") {
		if isTemp(path) {
			out = append(out, path)
		}
	}
	return out
}

// copyProject makes dst a copy of the project at src, its cache included.
func copyProject(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.RemoveAll(dst); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// treeDiff lists the files that differ between two snapshots.
func treeDiff(want, got map[string][]byte) []string {
	var diff []string
	for path, data := range want {
		if g, ok := got[path]; !ok || !bytes.Equal(g, data) {
			diff = append(diff, path)
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			diff = append(diff, path+" (extra)")
		}
	}
	slices.Sort(diff)
	return diff
}
