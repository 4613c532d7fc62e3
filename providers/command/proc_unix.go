//go:build unix

package command

import (
	"os"
	"os/exec"
	"syscall"
)

// setProcessGroup starts the program as the leader of a new process group,
// so that it and every process it starts can be killed together.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the program's process group: the program and the
// processes it started that are still in it.
func killGroup(p *os.Process) error {
	if p == nil {
		return nil
	}
	return syscall.Kill(-p.Pid, syscall.SIGKILL)
}
