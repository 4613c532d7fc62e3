package result

// Used is what a run used, kept for the evidence store so that any record can
// be reperformed from what it was evaluated on: every input document's
// canonical JSON by its sha256 (what results[].input_sha256 names), and the
// modules of every policy package by the package's policy sha256 (what
// results[].policy.sha256 names).
//
// It is not part of the result document. The evaluator fills it only when
// asked (evaluator.EvalOptions.KeepInputs): input documents can be large.
type Used struct {
	Inputs   map[string][]byte   // sha256 → the document's canonical JSON
	Policies map[string][]Module // package policy sha256 → its modules, sorted by path
}

// Module is one Rego module a policy package uses.
type Module struct {
	Path   string // repository-relative, slash-separated
	SHA256 string // of Source
	Source []byte
}
