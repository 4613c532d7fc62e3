package evaluator

import (
	"os"
	"runtime/debug"
	"testing"
)

// gcPercent reads the current GC percentage.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// relaxGC raises the GC percentage while any provider reads and restores the
// one before when the last is done, once per release; a GOGC the user sets
// is left alone.
func TestRelaxGC(t *testing.T) {
	// relaxGC leaves a GOGC set in the environment alone: unset it here
	// (t.Setenv restores it after the test).
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	a := relaxGC()
	b := relaxGC()
	if got := gcPercent(); got != gcLoadPercent {
		t.Fatalf("while reading: %d, want %d", got, gcLoadPercent)
	}
	a()
	a() // released twice: counted once
	if got := gcPercent(); got != gcLoadPercent {
		t.Fatalf("one reader left: %d, want %d", got, gcLoadPercent)
	}
	b()
	if got := gcPercent(); got != 150 {
		t.Fatalf("after: %d, want the 150 set before", got)
	}

	t.Setenv("GOGC", "50")
	relaxGC()()
	if got := gcPercent(); got != 150 {
		t.Fatalf("with GOGC set: %d, want 150 untouched", got)
	}
}
