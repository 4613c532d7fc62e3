package policy

import (
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	out, err := Format("p.rego", []byte("package p\ndeny contains msg if {msg:=\"x\"\n input.a==1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\ndeny contains msg if {\n\tmsg := \"x\"\n\tinput.a == 1\n}\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	again, err := Format("p.rego", out)
	if err != nil || string(again) != string(out) {
		t.Errorf("formatting is not stable: %q %v", again, err)
	}
	if _, err := Format("bad.rego", []byte("package p\ndeny contains if {")); err == nil || !strings.Contains(err.Error(), "bad.rego") {
		t.Errorf("a module that does not parse: %v", err)
	}
}
