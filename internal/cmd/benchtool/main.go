// Command benchtool is the benchmark suite's helper (scripts/bench-compare.sh
// builds and runs it; it is not shipped): it writes the generated corpus and
// runs the hand-written Go floor.
//
//	benchtool plan N FILE        a Terraform plan of N resources
//	benchtool manifests N DIR    N Kubernetes manifest files under DIR
//	benchtool floor PLAN         the 20 checks of testdata/bench in plain Go
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/socle-dev/socle/internal/corpus"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	usage := fmt.Errorf("usage: benchtool plan N FILE | manifests N DIR | floor PLAN")
	if len(args) < 2 {
		return usage
	}
	switch args[0] {
	case "plan", "manifests":
		if len(args) != 3 {
			return usage
		}
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 {
			return fmt.Errorf("%q is not a positive count", args[1])
		}
		if args[0] == "plan" {
			return corpus.WritePlan(args[2], n, 1)
		}
		return corpus.WriteManifests(args[2], n, 1)
	case "floor":
		return floor(args[1], os.Stdout)
	}
	return usage
}
