package lock_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/lock"
)

// TestAcquireRefusesLinks: a lock file that is a link (a project may come
// with one) is refused, and what it leads to is neither written nor
// emptied.
func TestAcquireRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("keep me\n"), 0o644)
	path := filepath.Join(dir, "lock")
	if err := os.Symlink(victim, path); err != nil {
		if runtime.GOOS == "windows" {
			t.Skip("no symbolic links here:", err)
		}
		t.Fatal(err)
	}
	l, err := lock.Acquire(path)
	if err == nil {
		l.Release()
		t.Fatal("locked through a link")
	}
	if !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("error %v", err)
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep me\n" {
		t.Errorf("the file behind the link holds %q", data)
	}
}
