package par

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// Every index runs once; the lowest failing index's error is returned.
func TestDo(t *testing.T) {
	var calls [1000]atomic.Int32
	if err := Do(len(calls), func(i int) error { calls[i].Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range calls {
		if n := calls[i].Load(); n != 1 {
			t.Fatalf("index %d ran %d times", i, n)
		}
	}
	if err := Do(0, func(int) error { return errors.New("called") }); err != nil {
		t.Errorf("no work: %v", err)
	}
	err := Do(100, func(i int) error {
		if i == 7 || i == 3 {
			return fmt.Errorf("failed at %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "failed at 3" {
		t.Errorf("err = %v", err)
	}
}
