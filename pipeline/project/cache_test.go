package project

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// TestBuildNoticesMissingOutputs: a page deleted from output/ is rebuilt,
// whether its folder's time shows the deletion or not. A deletion in the
// same clock tick as the build that wrote the folder leaves the folder's
// time as it was; restoring the time by hand plays that case.
func TestBuildNoticesMissingOutputs(t *testing.T) {
	p := newProject(t, 6, 0)
	build := func() int {
		t.Helper()
		res, err := p.Build(BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Rebuilt
	}
	build()
	if n := build(); n != 0 {
		t.Fatalf("a second build rebuilt %d documents", n)
	}
	page := p.Abs("output/es-PE/guide/page-00.html")
	dir := filepath.Dir(page)
	for _, restoreTime := range []bool{false, true} {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(page); err != nil {
			t.Fatal(err)
		}
		if restoreTime {
			if err := os.Chtimes(dir, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
		if n := build(); n != 1 {
			t.Errorf("folder time restored %v: %d documents rebuilt, want 1", restoreTime, n)
		}
		if _, err := os.Stat(page); err != nil {
			t.Errorf("folder time restored %v: the page is still missing", restoreTime)
		}
	}

	// Once a folder's time is old enough to trust, its files are not
	// listed: a no-op build stats no output.
	old := time.Now().Add(-time.Hour)
	filepath.Walk(p.Abs("output"), func(path string, fi os.FileInfo, err error) error {
		if err == nil && fi.IsDir() {
			os.Chtimes(path, old, old)
		}
		return nil
	})
	build() // records the old times
	c := cache.OpenBuild(p.Tree, p.buildFingerprint(append([]string{p.Config.SourceLocale}, p.Config.Locales...), false, resolve.Options{}), false)
	if len(c.Racy) != 0 {
		t.Errorf("folders changed an hour ago are still racy: %v", c.Racy)
	}
	if n := build(); n != 0 {
		t.Errorf("a no-op build rebuilt %d documents", n)
	}
}
