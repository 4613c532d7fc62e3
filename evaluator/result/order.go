package result

import "strings"

// Order is what results (and everything listed in result order: controls,
// changes between runs) are sorted by: objective ref, objective label, control
// ref, control label, target. Refs compare as people number them ("4.2" before
// "4.10").
type Order struct {
	ObjectiveRef, ObjectiveLabel, ControlRef, ControlLabel, Target string
}

// Compare orders a before b (negative), after (positive), or equal (0).
func (a Order) Compare(b Order) int {
	if c := CompareRef(a.ObjectiveRef, b.ObjectiveRef); c != 0 {
		return c
	}
	if c := strings.Compare(a.ObjectiveLabel, b.ObjectiveLabel); c != 0 {
		return c
	}
	if c := CompareRef(a.ControlRef, b.ControlRef); c != 0 {
		return c
	}
	if c := strings.Compare(a.ControlLabel, b.ControlLabel); c != 0 {
		return c
	}
	return strings.Compare(a.Target, b.Target)
}

// OrderOf is a result's place in result order.
func OrderOf(r *Result) Order {
	return Order{ObjectiveRef: r.Objective.Ref, ObjectiveLabel: r.Objective.Label, ControlRef: r.Control.Ref, ControlLabel: r.Control.Label, Target: r.Target}
}
