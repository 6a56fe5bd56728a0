package stamp_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/stamp"
)

// TestStamp protects what the caches compare: a file's size and time,
// the same whether stamped by path or through its folder, and a missing
// file told apart from an empty one.
func TestStamp(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	a := stamp.Of(filepath.Join(dir, "a.md"))
	if a.Size != 5 || a.Mod == 0 || !a.Exists() {
		t.Errorf("a.md stamped %+v", a)
	}
	f := stamp.Open(dir)
	defer f.Close()
	if got := f.Stat("a.md"); got != a {
		t.Errorf("through the folder %+v, by path %+v", got, a)
	}
	if got := f.Stat("empty.md"); !got.Exists() || got.Size != 0 {
		t.Errorf("an empty file stamped %+v", got)
	}
	if got := f.Stat("gone.md"); got != stamp.Missing || got.Exists() {
		t.Errorf("a missing file stamped %+v", got)
	}
	if got := stamp.Open(filepath.Join(dir, "nowhere")).Stat("a.md"); got.Exists() {
		t.Errorf("a file of a missing folder stamped %+v", got)
	}
	if got := stamp.Files(dir, []string{"a.md", "sub/x.md"}); len(got) != 2 || got[0] != a || got[1].Exists() {
		t.Errorf("Files gave %+v", got)
	}
	if stamp.FolderTime(dir, "nowhere") != -1 || stamp.FolderTime(dir, ".") <= 0 {
		t.Error("FolderTime of a missing or present folder")
	}
}
