// Package providers defines what a provider is: a type that validates its own
// configuration block and loads (or collects) one system's configuration into a
// normalized JSON document. It owns the Type and Instance interfaces, the Registry of
// types, the Document they produce, and helpers every provider shares (snapshot path
// matching inside the policy repository, positioned errors).
//
// Each provider type lives in its own package under providers/. This package and its
// children import nothing of evaluator: the evaluator uses them, never the reverse.
package providers

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Type is one kind of provider ("file", "terraform", …). It is stateless: every
// provider block of that type becomes an Instance through Configure.
type Type interface {
	// Name is the label used in provider blocks: provider "NAME" { … }.
	Name() string

	// Configure validates the provider block's body (everything but the "alias"
	// attribute, which the configuration layer owns) and returns an instance ready
	// to load. Every problem is a diagnostic with the range of the attribute at
	// fault: an unknown attribute, a missing required one, a value of the wrong
	// type. ctx holds the variables, locals and functions of the configuration.
	Configure(body hcl.Body, ctx *hcl.EvalContext, env Env) (Instance, hcl.Diagnostics)
}

// Instance is one configured provider block: provider "aws" { alias = "staging" … }.
type Instance interface {
	// Load reads the configured snapshot and returns its normalized document.
	// Malformed input is reported as a *SourceError (file, line, column) so the
	// caller can point the user at the exact place.
	Load(ctx context.Context) (*Document, error)
}

// Collector is implemented by an Instance that can also read the live system
// (collect mode: what scheduled jobs run). Collect returns the same normalized
// document Load would return for a snapshot exported at that moment. Secrets it
// uses (tokens, passwords) must never appear in the document or in Params.
type Collector interface {
	Collect(ctx context.Context) (*Document, error)
}

// Env is what a provider may touch: the policy repository, as a file system
// rooted at the repository directory (paths cannot leave it).
type Env struct {
	// FS is the policy repository. Paths are slash-separated and relative to it.
	FS fs.FS
	// Dir is the repository directory as the user named it, used only to print
	// file names a user can open (Dir joined with an FS path).
	Dir string
}

// Document is a provider's normalized output: a JSON-compatible tree.
type Document struct {
	// Value is built only from map[string]any, []any, string, json.Number, bool
	// and nil. The evaluator converts it to a Rego value once per run and shares
	// it between every control that reads it; it must not be modified after Load.
	Value any
	// Sources lists the repository-relative files the document was read from,
	// sorted.
	Sources []string
	// Items is the number of items the document holds (rows, resources,
	// manifests), for completeness checks and manifests.
	Items int
	// Warnings are problems that did not stop the load (a file the provider does
	// not understand, say). They are reported, never silently dropped.
	Warnings []*SourceError
	// Locations maps a resource id, as policies name it (a Terraform address,
	// a Kubernetes Kind/namespace/name key), to where it is defined, when the
	// provider knows: a pull request annotation then points at that line.
	Locations map[string]Location
	// CollectedAt is when the system's state was read, when the provider knows
	// it (a live collection, an export that records its time); zero otherwise.
	// A provider block's max_age is judged against it.
	CollectedAt time.Time
	// Params describe where the document came from, for a snapshot bundle's
	// manifest and an auditor's completeness checks: the snapshot path, the API
	// base URL and organization, the database host and name, the query. Never a
	// secret: no password, token or full DSN.
	Params map[string]string
}

// Location is where a resource is defined: a repository-relative file and a
// 1-based line.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// SourceError is a problem at a position in a snapshot file.
type SourceError struct {
	File    string // repository-relative path
	Line    int    // 1-based; 0 when unknown
	Column  int    // 1-based; 0 when unknown
	Summary string // short, e.g. "Invalid JSON"
	Detail  string // what is wrong and what to do
}

func (e *SourceError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d", pos, e.Line)
		if e.Column > 0 {
			pos = fmt.Sprintf("%s:%d", pos, e.Column)
		}
	}
	msg := e.Summary
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if pos == "" {
		return msg
	}
	return pos + ": " + msg
}

// Registry holds the provider types a configuration may use.
type Registry struct {
	types map[string]Type
}

// NewRegistry returns a registry holding the given types. It panics on a
// duplicate name: that is a programming error, not user input.
func NewRegistry(types ...Type) *Registry {
	r := &Registry{types: make(map[string]Type, len(types))}
	for _, t := range types {
		if _, dup := r.types[t.Name()]; dup {
			panic(fmt.Sprintf("providers: type %q registered twice", t.Name()))
		}
		r.types[t.Name()] = t
	}
	return r
}

// Lookup returns the type with the given name.
func (r *Registry) Lookup(name string) (Type, bool) {
	t, ok := r.types[name]
	return t, ok
}

// Names returns the registered type names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.types))
	for n := range r.types {
		names = append(names, n)
	}
	sort.Strings(names)
	return slices.Clip(names)
}
