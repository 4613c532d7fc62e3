package coso

import "testing"

func TestLookup(t *testing.T) {
	for n := 1; n <= 17; n++ {
		p, ok := Lookup(n)
		if !ok || p.Number != n || p.Text == "" || p.Component == "" {
			t.Errorf("principle %d: %+v, %v", n, p, ok)
		}
	}
	if p, _ := Lookup(10); p.Component != "Control Activities" {
		t.Errorf("principle 10 belongs to %q", p.Component)
	}
	for _, n := range []int{0, 18, -1} {
		if _, ok := Lookup(n); ok {
			t.Errorf("principle %d found", n)
		}
	}
}
