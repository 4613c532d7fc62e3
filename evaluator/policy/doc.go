// Package policy is the only package of socle that imports OPA. It parses and
// compiles every Rego module of a policy repository once, with capabilities that
// leave out network and environment builtins; prepares one query per policy
// package that returns the package's whole decision (resources, deny, warn);
// converts each input document to a Rego value once; and evaluates with a time
// limit.
//
// It knows nothing of HCL configuration; it returns hcl.Diagnostics only as the
// common currency of positioned errors.
package policy
