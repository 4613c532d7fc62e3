package evaluator

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Reading a snapshot builds a large tree that stays alive; converting it builds
// a second one (the Rego value) while the first is still read. The collector,
// paced by GOGC=100, would mark them again and again as they grow (at 4, 8,
// 16 … MiB), for little garbage. So while a provider reads, redacts and
// converts its document, the collector runs at GOGC=400, with one collection
// in between (collectGarbage: reading leaves garbage, the raw file and what
// decoding discards, that would otherwise stay until conversion ends and
// raise the peak); the setting before is restored once the document is
// converted, where the decoded tree becomes garbage. A GOGC the user sets is
// left alone.
var (
	gcMu      sync.Mutex
	gcReading int
	gcBefore  int
)

// gcLoadPercent is the GC percentage while snapshots are read and converted.
const gcLoadPercent = 400

// relaxGC raises the GC percentage until every caller has called its release.
func relaxGC() (release func()) {
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

// collectAt is the heap size from which collectGarbage collects.
const collectAt = 64 << 20

// collectGarbage collects once a large snapshot is read, while the collector
// is relaxed: a small heap is left alone (a repository of many small
// providers would otherwise collect once per provider).
func collectGarbage() {
	gcMu.Lock()
	relaxed := gcReading > 0
	gcMu.Unlock()
	if !relaxed {
		return
	}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() >= collectAt {
		runtime.GC()
	}
}
