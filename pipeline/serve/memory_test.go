package serve_test

import (
	"os"
	"runtime/debug"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/serve"
)

// TestServingSetsASoftMemoryLimit: while serving, the garbage collector
// keeps the process near what it holds (the README's memory figures
// stand on it), unless GOMEMLIMIT says otherwise.
func TestServingSetsASoftMemoryLimit(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: the server leaves the limit to it")
	}
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	_, base, _ := serveOn(t, seedProject(t), serve.Options{})
	c := &client{t: t, url: base}
	c.get("/") // Serve is serving: the limit is set
	if got := debug.SetMemoryLimit(-1); got != 96<<20 {
		t.Errorf("memory limit while serving: %d, want %d", got, 96<<20)
	}
}
