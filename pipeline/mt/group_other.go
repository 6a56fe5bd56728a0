//go:build !unix

package mt

import "os/exec"

// ownGroup kills the program itself on cancel; where process groups are
// not Unix's (Windows), its children are not reached.
func ownGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Kill() }
}
