//go:build unix

package plugin

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup runs the plug-in in a process group of its own, so that
// stopping it (time limit, size limit, cancellation) also stops the
// processes it started: a plug-in written as a shell script that calls a
// CLI, say.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// killProcessGroup stops what is left of the plug-in's process group after
// it exited: processes it started and did not wait for.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
