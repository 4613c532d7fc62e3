package evaluator

import (
	"os"
	"runtime/debug"
	"sync"
)

// Reading a snapshot builds a large tree that stays alive: the collector,
// paced by GOGC=100, would mark it again and again as it grows (at 4, 8, 16 …
// MiB), for little garbage. While providers read, the heap may grow to five
// times what was alive at the last collection; the setting is restored before
// the document is converted, where the decoded tree becomes garbage and peak
// memory is made. A GOGC the user sets is left alone.
var (
	gcMu      sync.Mutex
	gcReading int
	gcBefore  int
)

// gcLoadPercent is the GC percentage while snapshots are read.
const gcLoadPercent = 400

func relaxGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	gcMu.Lock()
	if gcReading == 0 {
		gcBefore = debug.SetGCPercent(gcLoadPercent)
	}
	gcReading++
	gcMu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			gcMu.Lock()
			gcReading--
			if gcReading == 0 {
				debug.SetGCPercent(gcBefore)
			}
			gcMu.Unlock()
		})
	}
}
