package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
)

// TestBuildsForEveryTarget: quipu ships for Linux, macOS and Windows, and
// code for one system (a system call, a file lock) must have its
// counterpart on the others. Every package and every test must compile for
// each, whichever system the tests run on.
func TestBuildsForEveryTarget(t *testing.T) {
	testshared.SkipUnlessScale(t, "cross-compiling the module for three systems (.ci/run does it too)")
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, target := range []struct{ goos, goarch string }{
		{"linux", "amd64"}, {"darwin", "arm64"}, {"windows", "amd64"},
	} {
		for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
			cmd := exec.Command("go", args...)
			cmd.Dir = "../.."
			cmd.Env = append(os.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch, "CGO_ENABLED=0")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("GOOS=%s GOARCH=%s go %s: %v\n%s", target.goos, target.goarch, args[0], err, out)
			}
		}
	}
}
