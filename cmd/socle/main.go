// Command socle is a policy-as-code evaluator for SOC 1: controls in HCL, policies
// in Rego, evidence mapped to control objectives and COSO principles.
package main

//go:generate go run ./internal/gendocs -markdown ../../docs/cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/socle-dev/socle/cmd/socle/internal/command"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := command.Execute(ctx, command.IO{
		Args:   os.Args[1:],
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
	})
	stop()
	os.Exit(code)
}
