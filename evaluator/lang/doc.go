// Package lang owns expression evaluation for the configuration: the function
// table, the scope (var, local, objective, each, count), input variable values,
// the dependency order of locals, and reference checks that turn an unknown name
// into a diagnostic with a suggestion.
//
// It imports hcl, go-cty, evaluator/addrs and evaluator/config; nothing that
// evaluates policies.
package lang
