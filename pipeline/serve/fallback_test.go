package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPollingWhenNotificationsFail: where notifications cannot be set up
// (no inotify, its limits reached) the server says so and polls.
func TestPollingWhenNotificationsFail(t *testing.T) {
	notify = func(string, []string, func([]string), <-chan struct{}) (watcher, error) {
		return nil, errors.New("too many open files")
	}
	t.Cleanup(func() { notify = watchFS })
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	doc := filepath.Join(root, "content", "a.md")
	os.WriteFile(doc, []byte("# One\n"), 0o644)
	var log strings.Builder
	s, err := New(root, Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	get := func() string {
		resp, err := http.Get("http://" + l.Addr().String() + "/en/a.html")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if !strings.Contains(get(), "One") {
		t.Fatal("first page")
	}
	os.WriteFile(doc, []byte("# Two\n"), 0o644)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(get(), "Two") {
		if time.Now().After(deadline) {
			t.Fatal("the edit never showed")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(log.String(), "polling every") {
		t.Errorf("log: %q", log.String())
	}
}
