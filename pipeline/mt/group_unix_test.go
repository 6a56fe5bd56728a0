//go:build unix

package mt_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/mt"
)

// TestTimeoutKillsTheEngineChildren: on timeout the engine's whole
// process group is killed, so a script's children do not live on.
func TestTimeoutKillsTheEngineChildren(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	t.Setenv("QUIPU_FAKE_PID", pidFile)
	e := fake(t, "hang-child")
	e.Timeout = 500 * time.Millisecond
	if _, err := mt.Translate(context.Background(), e, segs, 0, nil); err == nil {
		t.Fatal("no error from a hanging engine")
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(string(data))
	deadline := time.Now().Add(3 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the engine's child %d outlived the timeout", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
