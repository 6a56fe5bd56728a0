package lock_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/lock"
)

func TestBusyAndRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".quipu", "lock")
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lock.Acquire(path)
	var busy *lock.BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Fatalf("second Acquire = %v, want busy with pid %d", err, os.Getpid())
	}
	if want := fmt.Sprintf("another quipu is running (pid %d;", os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file still there after Release: %v", err)
	}
	l, err = lock.Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l.Release()
}

// deadPID returns the ID of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestStaleLockIsTakenOver(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stale locks are not detected on Windows")
	}
	path := filepath.Join(t.TempDir(), "lock")
	if err := os.WriteFile(path, fmt.Appendf(nil, "%d\n", deadPID(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	defer l.Release()
	data, _ := os.ReadFile(path)
	if strings.TrimSpace(string(data)) != fmt.Sprint(os.Getpid()) {
		t.Errorf("lock holds %q, want this process's pid", data)
	}
}

func TestUnreadableLockIsBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	if err := os.WriteFile(path, []byte("not a pid"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := lock.Acquire(path)
	var busy *lock.BusyError
	if !errors.As(err, &busy) || busy.PID != 0 || !strings.Contains(err.Error(), path) {
		t.Fatalf("Acquire = %v, want busy naming the file to delete", err)
	}
}

// TestEmptyLockIsTakenOver: a process killed between creating the lock
// file and writing its ID into it leaves an empty file, which stays empty.
func TestEmptyLockIsTakenOver(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatalf("Acquire over an empty lock file: %v", err)
	}
	if !l.TookOver {
		t.Error("TookOver not set: the dead run's leftovers would stay")
	}
}

// TestOneHolderAtATime races acquirers, from a stale lock on: at every
// moment at most one holds the lock, and every one gets it in turn.
func TestOneHolderAtATime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stale locks are not detected on Windows")
	}
	path := filepath.Join(t.TempDir(), "lock")
	if err := os.WriteFile(path, fmt.Appendf(nil, "%d\n", deadPID(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	var holders, acquired atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for got := 0; got < 20; {
				l, err := lock.Acquire(path)
				var busy *lock.BusyError
				if errors.As(err, &busy) {
					runtime.Gosched()
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				if n := holders.Add(1); n != 1 {
					t.Errorf("%d holders at once", n)
				}
				holders.Add(-1)
				if err := l.Release(); err != nil {
					t.Error(err)
				}
				acquired.Add(1)
				got++
			}
		}()
	}
	wg.Wait()
	if acquired.Load() != 8*20 {
		t.Errorf("acquired %d times, want %d", acquired.Load(), 8*20)
	}
}
