package main

import (
	"encoding/json"
	"testing"
)

// periodOf reads socle report --format json: the period (cover from/to) and
// every control target's period result (sections → controls → targets), in
// report order, each as its JSON object.
func periodOf(t *testing.T, out string) (from, to string, targets []json.RawMessage) {
	t.Helper()
	var rep struct {
		Cover struct {
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"cover"`
		Sections []struct {
			Controls []struct {
				Targets []json.RawMessage `json:"targets"`
			} `json:"controls"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("the report is not the report model's JSON: %v\n%s", err, out)
	}
	for _, s := range rep.Sections {
		for _, c := range s.Controls {
			targets = append(targets, c.Targets...)
		}
	}
	return rep.Cover.From, rep.Cover.To, targets
}
