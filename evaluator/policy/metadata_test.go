package policy

import (
	"testing"
	"testing/fstest"
)

func TestModuleMetadata(t *testing.T) {
	fsys := fstest.MapFS{
		"policies/a.rego": {Data: []byte("# METADATA\n# title: MFA for every user\n# description: >-\n#   Every active user\n#   has a factor.\npackage acme.a\n\n# METADATA\n# title: a rule\nresources contains 1\n")},
		"policies/b.rego": {Data: []byte("# Just a comment.\npackage acme.b\n\nresources contains 1\n")},
	}
	set, diags := Load(fsys, "policies", "repo")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got := map[string]Metadata{}
	for _, m := range set.Modules() {
		got[m.Package] = m.Metadata()
	}
	if want := (Metadata{Title: "MFA for every user", Description: "Every active user has a factor."}); got["acme.a"] != want {
		t.Errorf("acme.a: %+v, want %+v", got["acme.a"], want)
	}
	if got["acme.b"] != (Metadata{}) {
		t.Errorf("acme.b has no annotation, got %+v", got["acme.b"])
	}
}
