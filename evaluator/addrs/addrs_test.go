package addrs

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func traversal(t *testing.T, src string) hcl.Traversal {
	t.Helper()
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(src), "test.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return tr
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		src       string
		want      string
		remaining int
		err       string
	}{
		{"objective.logical_access", "objective.logical_access", 0, ""},
		{"objective.logical_access.ref", "objective.logical_access", 1, ""},
		{"control.iam_mfa", "control.iam_mfa", 0, ""},
		{"control.iam_mfa[0]", "control.iam_mfa[0]", 0, ""},
		{`control.iam_mfa["eu"].title`, `control.iam_mfa["eu"]`, 1, ""},
		{"var.env", "var.env", 0, ""},
		{"local.owner", "local.owner", 0, ""},
		{"each.key", "each.key", 0, ""},
		{"count.index", "count.index", 0, ""},
		{"each.nope", "", 0, "Invalid each attribute"},
		{"count.nope", "", 0, "Invalid count attribute"},
		{"objective", "", 0, "must be followed by an attribute name"},
		{"objectiv.x", "", 0, `Did you mean "objective"?`},
		{"control.x[1.5]", "", 0, "whole number"},
	}
	for _, tt := range tests {
		ref, diags := ParseRef(traversal(t, tt.src))
		if tt.err != "" {
			if !diags.HasErrors() || !strings.Contains(diags[0].Summary+diags[0].Detail, tt.err) {
				t.Errorf("%s: diags %v, want %q", tt.src, diags, tt.err)
			}
			continue
		}
		if diags.HasErrors() {
			t.Errorf("%s: %v", tt.src, diags)
			continue
		}
		if ref.Subject.String() != tt.want || len(ref.Remaining) != tt.remaining {
			t.Errorf("%s: %s + %d steps, want %s + %d", tt.src, ref.Subject, len(ref.Remaining), tt.want, tt.remaining)
		}
	}
}

func TestParseProviderRef(t *testing.T) {
	for src, want := range map[string]Provider{"aws": {Type: "aws"}, "aws.staging": {Type: "aws", Alias: "staging"}} {
		p, diags := ParseProviderRef(traversal(t, src))
		if diags.HasErrors() || p != want {
			t.Errorf("%s: %v %v", src, p, diags)
		}
	}
	if _, diags := ParseProviderRef(traversal(t, "aws.a.b")); !diags.HasErrors() {
		t.Error("aws.a.b accepted")
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"logical_access", "change_management", "data_protection"}
	if c, ok := Closest("logical_acess", cands); !ok || c != "logical_access" {
		t.Errorf("got %q %v", c, ok)
	}
	if _, ok := Closest("backups", cands); ok {
		t.Error("suggested a name that is not close")
	}
}
