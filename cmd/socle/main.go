// Command socle is a policy-as-code evaluator for SOC 1: controls in HCL, policies
// in Rego, evidence mapped to control objectives and COSO principles.
package main

//go:generate go run ./internal/gendocs -markdown ../../docs/cli

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/socle-dev/socle/cmd/socle/internal/command"
)

func main() {
	// SOCLE_CPUPROFILE=FILE writes a CPU profile of the whole command (for
	// go tool pprof; see docs/performance.md).
	if path := os.Getenv("SOCLE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f) //nolint:errcheck // no profile is no harm
		}
	}
	code := execute()
	pprof.StopCPUProfile()
	os.Exit(code)
}

func execute() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := command.Execute(ctx, command.IO{
		Args:   os.Args[1:],
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
	})
	stop()
	return code
}
