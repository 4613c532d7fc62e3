// Package evaluator is the engine's front door: it loads a policy repository
// (HCL configuration, Rego policies, provider instances) into a resolved Repo,
// plans which controls run on which targets, and evaluates them into a
// result.Document.
//
// The layers below it each own one job: config (HCL → structs), lang
// (expressions), policy (the only OPA importer), result (the model). Nothing
// here imports cmd.
package evaluator

import (
	"io/fs"
	"maps"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/lang"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/redact"
	"github.com/socle-dev/socle/providers"
)

// Repo is a loaded policy repository: every block evaluated, every reference
// resolved to the object it names.
type Repo struct {
	Dir        string // as the user named it
	FS         fs.FS  // rooted at Dir
	Settings   Settings
	Objectives map[string]*Objective
	Providers  map[addrs.Provider]*Provider
	Controls   []*Control // every instance, sorted by objective ref, ref, label
	// NoInstances names the control blocks that count = 0 or an empty for_each
	// stamp into no instance, sorted: plan lists them so nothing vanishes silently.
	NoInstances []string
	Waivers     []*Waiver      // sorted by label
	CUECs       []*CUEC        // sorted by ref
	Subservices []*Subservice  // sorted by label
	Risks       []*Risk        // the risk register, sorted by ref
	Tests       []*Test        // sorted by label
	Notifies    []*NotifyBlock // sorted by label
	Policies    *policy.Set

	// notifyScope and notifyKnown evaluate the notify blocks' destinations
	// when a run notifies (Destinations).
	notifyScope *lang.Scope
	notifyKnown lang.Known

	sourcesMu sync.Mutex
	sources   map[string][]byte // file name in diagnostics → content, for snippets

	redactor *redact.Redactor // Settings.SecretFields and socle's own list
}

// Redactor is what keeps secrets out of the repository's documents and
// messages: socle's list of secret field names plus the socle block's
// secret_fields.
func (r *Repo) Redactor() *redact.Redactor {
	if r.redactor == nil {
		return redact.New(r.Settings.SecretFields...)
	}
	return r.redactor
}

// Settings are the socle block's values, with defaults applied.
type Settings struct {
	Organization string
	System       string
	Store        string
	PoliciesDir  string        // repository-relative
	Timeout      time.Duration // per control evaluation, Limits.ControlTimeout
	Limits       Limits
	// SecretFields are the field names redacted in every input document
	// (besides socle's own list, redact.DefaultFieldNames).
	SecretFields []string
	PeriodStart  string // YYYY-MM-DD or ""
	PeriodEnd    string
	// SampleSizes override the default Type II sample size of a frequency.
	SampleSizes map[string]int
	// ReportHeadings reword socle report's headings (keys: ReportHeadingKeys).
	ReportHeadings map[string]string
}

// Objective is a control objective.
type Objective struct {
	Label       string
	Ref         string
	Title       string
	Description string
	COSO        []int
	// Mappings are the criteria of other frameworks the objective answers:
	// framework name (frameworks.Names) → identifiers.
	Mappings  map[string][]string
	DeclRange hcl.Range
}

// Provider is a configured provider instance.
type Provider struct {
	Addr     addrs.Provider
	Instance providers.Instance
	// MaxAge, when > 0, is how old the input may be (from its collection time)
	// before the controls reading it error as stale.
	MaxAge time.Duration
	// MinItems, when > 0, is the fewest items the document may hold.
	MinItems int
	// ExpectParams are source parameters the document must report with these
	// values (an account id, a cluster, an organization).
	ExpectParams map[string]string
	// Body is the provider block's body as written, for socle explain.
	Body      hcl.Body
	DeclRange hcl.Range
	// ConfigSHA256 is the hash of the block's evaluated attributes, "" when
	// the instance's documents are not cached (see cached.go).
	ConfigSHA256 string
	// reads is the repository as the instance reads it, noting the names it
	// reads; nil when its documents are not cached.
	reads *recordFS
	// limit counts the bytes the instance reads from the repository during
	// one load (limits { input_size }).
	limit *limitFS
}

// Control is one control instance (a control block, or one of the instances
// count/for_each stamp from it).
type Control struct {
	Addr        addrs.Control
	Label       string // name plus instance key: iam_mfa, iam_mfa[0], iam_mfa["eu"]
	Ref         string
	Title       string
	Description string
	Remediation string
	Objective   *Objective
	Policy      string // Rego package
	// PolicyStyle is "socle" (the package declares resources and deny) or
	// "conftest" (a conftest package run unchanged over each file document).
	PolicyStyle string
	Targets     []Target
	Frequency   string
	// FrequencySet: the block states its frequency (else it is the default,
	// continuous).
	FrequencySet bool
	Automated    bool
	Key          bool
	Severity     string
	Owner        string
	Tags         map[string]string
	// Mappings are the criteria of other frameworks the control meets:
	// framework name (frameworks.Names) → identifiers.
	Mappings map[string][]string
	// TestProcedure, when set, replaces the test procedure socle report
	// derives for the control; {fields} (TestProcedureFields) are filled in.
	TestProcedure string
	// Evidence are a manual control's declared evidence files (automated =
	// false); files under evidence/NAME/ are found when it is evaluated.
	Evidence  []Evidence
	File      string // repository-relative
	DeclRange hcl.Range
}

// Target is one evaluation of a control: its input documents keyed by name.
type Target struct {
	Name   string // aws.staging, or hr=file.hr,idp=file.idp
	Inputs []TargetInput
}

// TargetInput is one input document of a target.
type TargetInput struct {
	Key      string // the key under input: "aws", "hr"
	Provider addrs.Provider
}

// Waiver is an approved exception.
type Waiver struct {
	Label      string
	Control    addrs.Control // Key NoKey: every instance of the control
	Resources  []string      // nil: every finding of the control
	Reason     string
	ApprovedBy string
	Ticket     string
	Expires    time.Time // the first instant the waiver no longer applies
	ExpiresRaw string    // as written
	DeclRange  hcl.Range
}

// Covers tells whether the waiver applies to a finding on a resource of a
// control instance at the given time. A finding without resource ("" — about
// the target as a whole) is covered only by a waiver without resources.
func (w *Waiver) Covers(c addrs.Control, resource string, asOf time.Time) bool {
	if w.Control.Name != c.Name || !asOf.Before(w.Expires) {
		return false
	}
	if w.Control.Key != addrs.NoKey && w.Control.Key != c.Key {
		return false
	}
	if w.Resources == nil {
		return true
	}
	if resource == "" {
		return false
	}
	for _, r := range w.Resources {
		if r == resource {
			return true
		}
	}
	return false
}

// Sources returns every file's content keyed by the name diagnostics use, for
// the diagnostic writer's snippets.
func (r *Repo) Sources() map[string][]byte {
	r.sourcesMu.Lock()
	defer r.sourcesMu.Unlock()
	return maps.Clone(r.sources)
}
