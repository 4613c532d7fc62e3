// Package config turns the *.hcl files of a policy repository into Go structs that
// describe the source: one type per block kind, expressions kept unevaluated, and a
// DeclRange on everything so a later diagnostic can point at it.
//
// Evaluating expressions is not this package's job (see evaluator/lang); it only
// checks what can be checked without values: the schema of each block, labels,
// duplicates. It imports hcl, go-cty and evaluator/addrs, nothing else of socle.
package config
