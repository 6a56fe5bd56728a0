//go:build unix

package lock_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/quipu-l10n/quipu/pipeline/lock"
)

// TestAcquireRefusesNamedPipe: a named pipe at the lock's path is refused
// at once, not waited on.
func TestAcquireRefusesNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	if err := unix.Mkfifo(path, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan error, 1)
	go func() {
		l, err := lock.Acquire(path)
		if err == nil {
			l.Release()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("error %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Acquire waits on a named pipe")
	}
}
