//go:build !unix

package plugin

import "os/exec"

// ownProcessGroup leaves the default: stopping the plug-in kills its
// process only.
func ownProcessGroup(*exec.Cmd) {}

func killProcessGroup(*exec.Cmd) {}
