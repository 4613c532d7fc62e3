package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestCapabilitiesRemoveNetworkAndEnvironment(t *testing.T) {
	caps := Capabilities()
	have := map[string]bool{}
	for _, b := range caps.Builtins {
		have[b.Name] = true
	}
	for _, denied := range []string{"http.send", "net.lookup_ip_addr", "opa.runtime"} {
		if have[denied] {
			t.Errorf("%s is still available", denied)
		}
	}
	for _, kept := range []string{"net.cidr_contains", "net.cidr_intersects", "sprintf", "json.unmarshal"} {
		if !have[kept] {
			t.Errorf("%s was removed; pure builtins must stay", kept)
		}
	}
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet = %v, want empty and non-nil", caps.AllowNet)
	}
}

func TestPureNetBuiltinsStillWork(t *testing.T) {
	set, diags := Load(fstest.MapFS{"policies/sg.rego": {Data: []byte(`package sg

deny contains {"resource": r.id, "message": "open to the internet"} if {
	some r in input.rules
	net.cidr_contains(r.cidr, "8.8.8.8")
}
`)}}, "policies", "repo")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	q, err := set.Prepare(context.Background(), "sg")
	if err != nil {
		t.Fatal(err)
	}
	v, err := Convert(map[string]any{"rules": []any{
		map[string]any{"id": "open", "cidr": "0.0.0.0/0"},
		map[string]any{"id": "closed", "cidr": "10.0.0.0/8"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := Convert([]any{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := q.Eval(context.Background(), NewInput(map[string]Value{"rules": empty}), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Deny) != 0 {
		t.Errorf("deny on an input without rules: %+v", d.Deny)
	}
	in := Input{v: v.v}
	d, err = q.Eval(context.Background(), in, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Deny) != 1 || d.Deny[0].Resource != "open" {
		t.Errorf("deny = %+v, want one finding on open", d.Deny)
	}
}

func TestConvertMatchesOPA(t *testing.T) {
	shared := map[string]any{"address": "aws_s3_bucket.a", "values": map[string]any{"bucket": "a", "size": json.Number("12.50")}}
	doc := map[string]any{
		"resources": map[string]any{"aws_s3_bucket.a": shared},
		"by_type":   map[string]any{"aws_s3_bucket": []any{shared}},
		"n":         json.Number("1e3"), "f": 1.5, "i": 3, "b": true, "z": nil, "s": "x",
	}
	got, err := Convert(doc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got.v.Compare(want) != 0 {
		t.Errorf("Convert = %v\nwant      %v", got.v, want)
	}
}

func TestPackageHashFollowsImports(t *testing.T) {
	files := func(lib, other string) fstest.MapFS {
		return fstest.MapFS{
			"policies/p.rego":      {Data: []byte("package acme.p\n\nimport data.acme.lib\n\nresources contains x if some x in lib.ids\n")},
			"policies/lib.rego":    {Data: []byte("package acme.lib\n\nids := [" + lib + "]\n")},
			"policies/other.rego":  {Data: []byte("package acme.other\n\nresources contains " + other + "\n")},
			"policies/p_test.rego": {Data: []byte("package acme.p_test\n\ntest_x if true\n")},
		}
	}
	load := func(fs fstest.MapFS) *Set {
		set, diags := Load(fs, "policies", "repo")
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return set
	}
	base := load(files(`"a"`, `"o"`))
	if base.HasPackage("acme.p_test") {
		t.Error("a _test.rego module is part of the evaluated set")
	}
	if got := len(base.PackageModules("acme.p")); got != 2 {
		t.Errorf("acme.p uses %d modules, want 2 (itself and the library)", got)
	}
	libChanged := load(files(`"b"`, `"o"`))
	otherChanged := load(files(`"a"`, `"p"`))
	if base.PackageSHA256("acme.p") == libChanged.PackageSHA256("acme.p") {
		t.Error("changing an imported library did not change the package hash")
	}
	if base.PackageSHA256("acme.p") != otherChanged.PackageSHA256("acme.p") {
		t.Error("changing an unrelated package changed the package hash")
	}
	if base.SHA256() == otherChanged.SHA256() {
		t.Error("changing any module must change the set hash")
	}
}

func TestLoadReportsPositions(t *testing.T) {
	_, diags := Load(fstest.MapFS{"policies/a/b.rego": {Data: []byte("package x\n\ndeny contains msg if {\n\tmsg := undefined_fn(1)\n}\n")}}, "policies", "repo")
	if len(diags) != 1 || diags[0].Subject == nil {
		t.Fatalf("diags = %v", diags)
	}
	s := diags[0].Subject
	if s.Filename != "repo/policies/a/b.rego" || s.Start.Line != 4 || s.Start.Column != 9 || s.Start.Byte == 0 {
		t.Errorf("subject = %+v", s)
	}
}

// Convert gives the value OPA's own conversion gives, with keys shared
// between objects and maps met twice converted once.
func TestConvertMatchesInterfaceToValue(t *testing.T) {
	shared := map[string]any{"address": "aws_s3_bucket.a", "values": map[string]any{"bucket": "a", "tags": map[string]any{}}}
	var list []any
	for i := range 3000 {
		list = append(list, map[string]any{"k": json.Number(strconv.Itoa(i)), "name": fmt.Sprint("n", i), "": nil, "ok": i%2 == 0})
	}
	doc := map[string]any{
		"resources": map[string]any{"aws_s3_bucket.a": shared},
		"by_type":   map[string]any{"aws_s3_bucket": []any{shared}},
		"list":      list,
		"mixed":     []any{1.5, 3, int64(-2), "x", []any{}, map[string]any{}},
	}
	got, err := Convert(doc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got.v.Compare(want) != 0 {
		t.Errorf("got %v\nwant %v", got.v, want)
	}
}

// ConvertOn splits large objects and arrays between workers and gives the
// value Convert gives; a map of a split object that a later part of the
// document shares is converted once.
func TestConvertOnMatchesConvert(t *testing.T) {
	resources := map[string]any{}
	var list []any
	for i := range 5000 {
		r := map[string]any{"address": fmt.Sprint("aws_s3_bucket.b", i), "mode": "managed", "type": "aws_s3_bucket", "values": map[string]any{"n": json.Number(strconv.Itoa(i)), "tags": map[string]any{"k": "v"}}}
		resources[r["address"].(string)] = r
		if i%3 == 0 {
			list = append(list, r)
		}
	}
	doc := map[string]any{"resources": resources, "by_type": map[string]any{"aws_s3_bucket": list}, "small": []any{1, "x"}}
	want, err := Convert(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 3, 7} {
		got, err := ConvertOn(doc, workers)
		if err != nil {
			t.Fatal(err)
		}
		if got.v.Compare(want.v) != 0 {
			t.Fatalf("workers=%d: the values differ", workers)
		}
		// by_type's maps are resources' maps, converted once.
		res := got.v.(ast.Object).Get(ast.StringTerm("resources")).Value.(ast.Object)
		byType := got.v.(ast.Object).Get(ast.StringTerm("by_type")).Value.(ast.Object).Get(ast.StringTerm("aws_s3_bucket")).Value.(*ast.Array)
		first := res.Get(ast.StringTerm("aws_s3_bucket.b0")).Value.(ast.Object)
		if byType.Elem(0).Value.(ast.Object) != first {
			t.Errorf("workers=%d: by_type holds a second conversion of a resource", workers)
		}
	}
	if _, err := ConvertOn(map[string]any{"big": append(make([]any, parallelAt), make(chan int))}, 2); err == nil {
		t.Error("a value that is not JSON converted without an error")
	}
}
