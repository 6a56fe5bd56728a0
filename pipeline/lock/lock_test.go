package lock_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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

// holdEnv names the lock file a re-executed test binary holds (see
// TestMain): a second process, as a second quipu run would be.
const holdEnv = "QUIPU_TEST_HOLD_LOCK"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		// Hold the lock until stdin closes, then release it.
		l, err := lock.Acquire(path)
		if err != nil {
			fmt.Println(err)
			os.Exit(2)
		}
		fmt.Println("held")
		io.Copy(io.Discard, os.Stdin)
		if err := l.Release(); err != nil {
			fmt.Println(err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// holdInOtherProcess starts a process that takes the lock at path, and
// returns once it holds it; closing stdin makes it release the lock.
func holdInOtherProcess(t *testing.T, path string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "held\n" {
		t.Fatalf("helper process: %q, %v", line, err)
	}
	return cmd, stdin
}

func TestBusyAndRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".quipu", "lock")
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	if l.TookOver {
		t.Error("TookOver set for a new lock file")
	}
	_, err = lock.Acquire(path)
	var busy *lock.BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Fatalf("second Acquire = %v, want busy with pid %d", err, os.Getpid())
	}
	if want := fmt.Sprintf("another quipu is running (pid %d)", os.Getpid()); err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l, err = lock.Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	if l.TookOver {
		t.Error("TookOver set after a clean Release")
	}
	l.Release()
}

// TestReleaseKeepsTheFile: the lock file is never removed (a process that
// opened it just before would lock a file no later run sees), only
// emptied.
func TestReleaseKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.TrimSpace(string(data)) != fmt.Sprint(os.Getpid()) {
		t.Errorf("lock file holds %q, want this process's pid", data)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || len(data) != 0 {
		t.Errorf("after Release the lock file is %q, %v; want it there, empty", data, err)
	}
}

// TestLivePIDOfAnotherProgramDoesNotBlock: after a crash, the process ID a
// lock file holds can belong to any program running later. Only the kernel
// lock counts, so such a file is taken over.
func TestLivePIDOfAnotherProgramDoesNotBlock(t *testing.T) {
	for _, pid := range []int{1, os.Getppid()} {
		path := filepath.Join(t.TempDir(), "lock")
		if err := os.WriteFile(path, fmt.Appendf(nil, "%d\n", pid), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := lock.Acquire(path)
		if err != nil {
			t.Fatalf("lock file holding live pid %d: %v", pid, err)
		}
		if !l.TookOver {
			t.Errorf("pid %d: TookOver not set: the dead run's leftovers would stay", pid)
		}
		data, _ := os.ReadFile(path)
		if strings.TrimSpace(string(data)) != fmt.Sprint(os.Getpid()) {
			t.Errorf("lock holds %q, want this process's pid", data)
		}
		l.Release()
	}
}

// TestHeldByAnotherProcess: a lock held by a second process blocks, with
// its ID in the message, until that process releases it or dies.
func TestHeldByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	cmd, stdin := holdInOtherProcess(t, path)
	_, err := lock.Acquire(path)
	var busy *lock.BusyError
	if !errors.As(err, &busy) || busy.PID != cmd.Process.Pid {
		t.Fatalf("Acquire while another process holds the lock = %v, want busy with pid %d", err, cmd.Process.Pid)
	}
	if want := fmt.Sprintf("another quipu is running (pid %d)", cmd.Process.Pid); err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}

	// Released cleanly: nothing to take over.
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after the other process released: %v", err)
	}
	if l.TookOver {
		t.Error("TookOver set after a clean release")
	}
	l.Release()

	// Killed while holding it: the kernel lets go, the next run takes over.
	cmd, _ = holdInOtherProcess(t, path)
	if _, err := lock.Acquire(path); !errors.As(err, &busy) {
		t.Fatalf("Acquire = %v, want busy", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err = lock.Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after the holder was killed: %v", err)
	}
	if !l.TookOver {
		t.Error("TookOver not set after the holder was killed")
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

func TestLeftLockIsTakenOver(t *testing.T) {
	for name, content := range map[string]string{
		"dead pid":      fmt.Sprintf("%d\n", deadPID(t)),
		"not a pid":     "not a pid",
		"huge pid":      "999999999999999999999999\n",
		"older version": "999999999\n",
	} {
		path := filepath.Join(t.TempDir(), "lock")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := lock.Acquire(path)
		if err != nil {
			t.Fatalf("%s: lock not taken over: %v", name, err)
		}
		if !l.TookOver {
			t.Errorf("%s: TookOver not set", name)
		}
		data, _ := os.ReadFile(path)
		if strings.TrimSpace(string(data)) != fmt.Sprint(os.Getpid()) {
			t.Errorf("%s: lock holds %q, want this process's pid", name, data)
		}
		l.Release()
	}
}

// TestEmptyLockIsClean: an empty lock file is one a run released.
func TestEmptyLockIsClean(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatalf("Acquire over an empty lock file: %v", err)
	}
	if l.TookOver {
		t.Error("TookOver set for a released lock")
	}
	l.Release()
}

// TestOneHolderAtATime races acquirers, from a left lock on: at every
// moment at most one holds the lock, and every one gets it in turn.
func TestOneHolderAtATime(t *testing.T) {
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
