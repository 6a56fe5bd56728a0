package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/internal/testshared"
)

// TestKillBuild kills `quipu build` with SIGKILL at random moments, over
// and over, while it rebuilds a few hundred documents whose content
// changed and a few new ones. After every kill, each output file that
// existed is either its old or its new version in full, never torn; a new
// file is whole or listed in the build's journal; and locales/ is as it
// was. The next build takes the dead run's lock over, removes its
// temporary files and the new files its journal lists, and finishes the
// job. Kills during `quipu sync` leave every message file old or new too
// (or new, cut short, and listed in the sync's journal).
func TestKillBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the kill loop in -short mode")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the kill loop runs on Unix")
	}
	bin := filepath.Join(t.TempDir(), "quipu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	quipu := func(root string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"-C", root}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("quipu %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	// Version 1 of the project, synced and built.
	const docs = 200
	root := t.TempDir()
	writeContent(t, root, docs, "")
	quipu(root, "sync")
	translateAll(t, root)
	quipu(root, "build")
	oldOut := snapshot(t, root, "output")
	oldLocales := snapshot(t, root, "locales")

	// Version 2 of the content, with documents that are new; its full
	// build, made in a copy, is the other acceptable state of each output
	// file.
	writeContent(t, root, docs, " Revised.")
	writeFresh(t, root)
	twin := t.TempDir()
	copyTree(t, root, twin)
	start := time.Now()
	quipu(twin, "build")
	took := time.Since(start)
	newOut := snapshot(t, twin, "output")

	// Each run builds the other version, so every kill can land while
	// files are being replaced.
	rng := rand.New(rand.NewPCG(1, 2))
	suffix := []string{"", " Revised."}
	// A few kills by default; the full loop with QUIPU_SCALE=1 (and in CI).
	builds, syncs := 6, 4
	if testshared.Scale() {
		builds, syncs = 20, 10
	}
	kills, mixed, staged, torn := 0, 0, 0, 0
	for i := range builds {
		writeContent(t, root, docs, suffix[i%2])
		// The new documents' outputs are created, not replaced, every time.
		for _, l := range []string{"en", "es-PE"} {
			os.RemoveAll(filepath.Join(root, "output", l, "fresh"))
		}
		cmd := exec.Command(bin, "-C", root, "build")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Outputs are staged as documents build and renamed into place
		// together at the end: half the kills aim at that last stretch.
		at := rng.Int64N(int64(took) + 1)
		if i%2 == 1 {
			at = int64(took)*7/10 + rng.Int64N(int64(took)*5/10+1)
		}
		time.Sleep(time.Duration(at))
		if cmd.Process.Kill() == nil {
			kills++
		}
		cmd.Wait()
		olds, news := 0, 0
		journal, _ := os.ReadFile(filepath.Join(root, ".quipu", "build.journal"))
		for path, data := range snapshot(t, root, "output") {
			switch {
			case isTemp(path):
				// removed by the next build (checked below)
				staged++
			case bytes.Equal(data, oldOut[path]):
				olds++
			case bytes.Equal(data, newOut[path]):
				news++
			case oldOut[path] == nil && bytes.Contains(journal, []byte("+"+filepath.Join(root, "output", filepath.FromSlash(path))+"\x00")):
				// a new file cut short, which the next build removes
				// before anything else (checked below)
				torn++
			default:
				t.Fatalf("kill %d: %s is neither its old nor its new version (%d bytes)", i, path, len(data))
			}
		}
		if olds > 0 && news > 0 {
			mixed++
		}
		if !equalTrees(oldLocales, snapshot(t, root, "locales")) {
			t.Fatalf("kill %d: a build changed locales/", i)
		}
	}
	// Outputs are staged beside their targets while documents build, then
	// renamed together: a kill must have landed in one of those phases.
	if mixed == 0 && staged == 0 {
		t.Error("no kill landed while the build was writing files: the loop tested nothing")
	}
	writeContent(t, root, docs, suffix[1])
	quipu(root, "build")
	if got := snapshot(t, root, "output"); !equalTrees(got, newOut) {
		t.Fatal("after the kills, a full build does not give the new output (or left temporary files)")
	}

	// Sync, killed: every message file is old or new, then sync completes.
	writeContent(t, root, docs, " Revised twice.")
	copyTree(t, root, twin)
	quipu(twin, "sync")
	newLocales := snapshot(t, twin, "locales")
	for i := range syncs {
		cmd := exec.Command(bin, "-C", root, "sync")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took) + 1)))
		cmd.Process.Kill()
		cmd.Wait()
		journal, _ := os.ReadFile(filepath.Join(root, ".quipu", "sync.journal"))
		for path, data := range snapshot(t, root, "locales") {
			if isTemp(path) {
				continue
			}
			cut := oldLocales[path] == nil && bytes.Contains(journal, []byte("+"+filepath.Join(root, "locales", filepath.FromSlash(path))+"\x00"))
			if !bytes.Equal(data, oldLocales[path]) && !bytes.Equal(data, newLocales[path]) && !cut {
				t.Fatalf("sync kill %d: %s is neither its old nor its new version", i, path)
			}
		}
	}
	quipu(root, "sync")
	for path, data := range newLocales {
		if got := snapshot(t, root, "locales")[path]; !bytes.Equal(got, data) {
			t.Fatalf("after the kills, sync does not give %s", path)
		}
	}
	t.Logf("%d builds killed: %d while renaming outputs into place, %d files left staged, %d new files cut short; a full build takes %v; %d syncs killed", kills, mixed, staged, torn, took.Round(time.Millisecond), syncs)
}

// writeContent writes n documents of a few paragraphs, each ending in
// suffix.
func writeContent(t *testing.T, root string, n int, suffix string) {
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "# Document %d\n\n", i)
		for p := range 6 {
			fmt.Fprintf(&b, "Paragraph %d of document %d, with *emphasis*, a [link](https://example.com/%d) and `code`.%s\n\n", p, i, p, suffix)
		}
		b.WriteString("- one item\n- another item\n")
		// Every tenth document shows an image, which the build copies
		// beside its pages: the copies must be old or new too.
		if i%10 == 0 {
			fmt.Fprintf(&b, "\n![figure %d](../img/fig%03d.png)\n", i, i)
			img := filepath.Join(root, "content", "img", fmt.Sprintf("fig%03d.png", i))
			if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(img, []byte(strings.Repeat("PNG"+suffix, 2000)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(root, "content", fmt.Sprintf("d%02d", i%10), fmt.Sprintf("doc%03d.md", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeFresh writes documents that version 1 of the content lacks.
func writeFresh(t *testing.T, root string) {
	for i := range 20 {
		path := filepath.Join(root, "content", "fresh", fmt.Sprintf("new%02d.md", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		body := strings.Repeat(fmt.Sprintf("A new paragraph of document %d, long enough to take a few writes.\n\n", i), 40)
		if err := os.WriteFile(path, []byte("# New "+fmt.Sprint(i)+"\n\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// translateAll fills every empty translation with a marked copy of the
// English, as a translator would fill the message files.
func translateAll(t *testing.T, root string) {
	files, _ := filepath.Glob(filepath.Join(root, "locales", "es-PE", "*", "*.es-PE.toml"))
	if len(files) == 0 {
		t.Fatal("no message files to translate")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		var en string
		for _, line := range strings.Split(string(data), "\n") {
			if s, ok := strings.CutPrefix(line, "#. en: "); ok {
				en = s
			}
			if line == `other = ""` && en != "" {
				line = fmt.Sprintf("other = %q", "ES "+en)
			}
			out = append(out, line)
		}
		if err := os.WriteFile(f, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot reads every file under root/dir, by slash path.
func snapshot(t *testing.T, root, dir string) map[string][]byte {
	files := map[string][]byte{}
	base := filepath.Join(root, dir)
	err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// isTemp reports a temporary file of an interrupted atomic write.
func isTemp(path string) bool { return strings.HasPrefix(filepath.Base(path), ".") }

// copyTree makes dst a copy of the project at src (content, locales,
// output), replacing what dst had.
func copyTree(t *testing.T, src, dst string) {
	for _, dir := range []string{"content", "locales", "output"} {
		os.RemoveAll(filepath.Join(dst, dir))
		for path, data := range snapshot(t, src, dir) {
			p := filepath.Join(dst, dir, filepath.FromSlash(path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
