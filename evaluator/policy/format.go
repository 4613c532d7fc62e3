package policy

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// Format returns a Rego v1 module in OPA's canonical formatting (what opa fmt
// writes). A module that does not parse is an error with its position.
func Format(filename string, src []byte) ([]byte, error) {
	out, err := format.SourceWithOpts(filename, src, format.Opts{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, fmt.Errorf("%v", err)
	}
	return out, nil
}
