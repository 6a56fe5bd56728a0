//go:build unix

package mt

import (
	"os/exec"
	"syscall"
)

// ownGroup starts the program in a process group of its own and makes
// cancelling kill the whole group: a shell script's children die with it
// instead of living on, reparented.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
}
