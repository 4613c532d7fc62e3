package store

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestConcurrentWriters has 8 writers, each with its own handle on the store
// (as separate processes would have), append 50 runs each at once: every run
// must be present, in one unbroken chain.
func TestConcurrentWriters(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			const writers, runs = 8, 50
			h := b.new(t)
			f := fixture{t}
			// Build every run first: the test measures the store.
			work := make([][]*Run, writers)
			for w := range writers {
				for i := range runs {
					work[w] = append(work[w], f.run(fmt.Sprintf("w%d-%02d", w, i), day(i), w*runs+i))
				}
			}
			stores := make([]Store, writers)
			for w := range writers {
				stores[w] = h.open(t)
			}
			start := time.Now()
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := range writers {
				wg.Go(func() {
					for _, r := range work[w] {
						if _, err := stores[w].Append(ctx, r); err != nil {
							errs <- fmt.Errorf("writer %d: %v", w, err)
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			t.Logf("%d runs appended by %d writers in %s", writers*runs, writers, time.Since(start).Round(time.Millisecond))

			s := h.open(t)
			rep := mustVerify(t, s)
			if rep.Runs != writers*runs || rep.Records != writers*runs*4 || rep.Head.Seq != writers*runs {
				t.Errorf("report: %+v", rep)
			}
			all, err := s.Runs(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for i, r := range all {
				if r.Seq != int64(i+1) {
					t.Errorf("run %s at position %d", r.Header.ID, r.Seq)
				}
				seen[r.Header.ID] = true
			}
			for w := range writers {
				for _, r := range work[w] {
					if !seen[r.Header.ID] {
						t.Errorf("run %s is missing", r.Header.ID)
					}
				}
			}
		})
	}
}

// TestSharedHandleReadersAndWriters uses one handle from many goroutines at
// once, as one socle process does: writers append while readers list runs,
// read records back (checking each against its hash) and verify the chain,
// under the race detector. No reader sees a broken chain or a record that
// does not decode.
func TestSharedHandleReadersAndWriters(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			const writers, readers, runs = 4, 4, 10
			h := b.new(t)
			s := h.open(t)
			f := fixture{t}
			work := make([][]*Run, writers)
			for w := range writers {
				for i := range runs {
					work[w] = append(work[w], f.run(fmt.Sprintf("s%d-%02d", w, i), day(i), w*runs+i))
				}
			}
			done := make(chan struct{})
			errs := make(chan error, writers+readers*1000)
			var writersWG, readersWG sync.WaitGroup
			for w := range writers {
				writersWG.Go(func() {
					for _, r := range work[w] {
						if _, err := s.Append(ctx, r); err != nil {
							errs <- fmt.Errorf("writer %d: %v", w, err)
							return
						}
					}
				})
			}
			for rd := range readers {
				readersWG.Go(func() {
					for {
						select {
						case <-done:
							return
						default:
						}
						all, err := s.Runs(ctx, Filter{})
						if err != nil {
							errs <- fmt.Errorf("reader %d: runs: %v", rd, err)
							return
						}
						if len(all) > 0 {
							recs, err := s.RunRecords(ctx, all[len(all)-1].Header.ID)
							if err != nil {
								errs <- fmt.Errorf("reader %d: records: %v", rd, err)
								return
							}
							for _, rec := range recs {
								if _, err := rec.Decode(); err != nil {
									errs <- fmt.Errorf("reader %d: %v", rd, err)
									return
								}
							}
						}
						if rd == 0 {
							rep, err := s.Verify(ctx)
							if err != nil || rep.Problem != nil {
								errs <- fmt.Errorf("verify while writing: %+v %v", rep, err)
								return
							}
						}
					}
				})
			}
			writersWG.Wait()
			close(done)
			readersWG.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			if rep := mustVerify(t, s); rep.Runs != writers*runs {
				t.Errorf("%d runs, want %d", rep.Runs, writers*runs)
			}
		})
	}
}
