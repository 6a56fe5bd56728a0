//go:build !unix

package safeout

import "testing"

// Named pipes are a Unix file type; elsewhere there is nothing to refuse.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skip("no named pipes on this system")
}
