package interop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAlignRefusesTranslationTooLarge: a translated document larger than
// MaxTranslated is refused before it is read (a sparse file: nothing
// is written to disk), in a folder and named alone.
func TestAlignRefusesTranslationTooLarge(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "big.md")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxTranslated + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, isDir := range []bool{true, false} {
		root := dir
		if !isDir {
			root = name
		}
		r, err := newTranslatedReader(root, isDir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.read(name, "big.md"); err == nil || !strings.Contains(err.Error(), "larger than 32 MiB") {
			t.Errorf("dir %v: err = %v, want the size refused", isDir, err)
		}
	}
}
