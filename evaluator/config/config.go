package config

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
)

// Config is one policy repository's configuration: every *.hcl file directly in
// the repository directory, merged.
type Config struct {
	// Files are the parsed files, keyed by the file name diagnostics use; the
	// diagnostic writer reads snippets from them.
	Files map[string]*hcl.File
	// FileNames maps a diagnostic file name to its repository-relative path.
	FileNames map[string]string

	Socle       *Socle // nil when the repository has no socle block
	Variables   map[string]*Variable
	Locals      map[string]*Local
	Objectives  map[string]*Objective
	Providers   map[addrs.Provider]*Provider
	Controls    map[string]*Control
	Waivers     map[string]*Waiver
	CUECs       map[string]*CUEC
	Subservices map[string]*Subservice
	Risks       map[string]*Risk
	Tests       map[string]*Test
	Notifies    map[string]*Notify
}

// Socle is the settings block.
type Socle struct {
	Organization hcl.Expression
	System       hcl.Expression
	Store        hcl.Expression
	Policies     hcl.Expression // the Rego directory, default "policies"
	Timeout      hcl.Expression // per-control evaluation time limit, default "10s"
	EnvAllow     hcl.Expression // environment variables env() may read, a literal list
	SampleSizes  hcl.Expression // Type II sample sizes by frequency, overriding the defaults
	SecretFields hcl.Expression // field names redacted besides socle's own list, a literal list
	Period       *Period
	Limits       *Limits
	Report       *Report
	DeclRange    hcl.Range
}

// Report is the socle block's report block.
type Report struct {
	Headings  hcl.Expression // a map: column key → heading of the Section 4 table
	DeclRange hcl.Range
}

// Limits is the socle block's limits block: what one run may read, take and
// write. Every attribute is optional; socle has a safe default for each.
type Limits struct {
	InputSize      hcl.Expression // bytes of one input's snapshot files, "256MiB"
	InputItems     hcl.Expression // items of one input document
	ControlTimeout hcl.Expression // one control on one target, "10s"
	RunTimeout     hcl.Expression // the whole evaluation, "30m"
	MessageSize    hcl.Expression // bytes of one finding message
	Findings       hcl.Expression // findings of one result kept in full
	DeclRange      hcl.Range
}

// Period is the socle block's default reporting period.
type Period struct {
	Start     hcl.Expression
	End       hcl.Expression
	DeclRange hcl.Range
}

// Variable is an input variable.
type Variable struct {
	Name        string
	Description string
	Type        hcl.Expression // nil: any type
	Default     hcl.Expression // nil: required
	Sensitive   bool
	Validations []*Validation
	DeclRange   hcl.Range
}

// Validation is a variable's validation rule.
type Validation struct {
	Condition    hcl.Expression
	ErrorMessage hcl.Expression
	DeclRange    hcl.Range
}

// Local is one named value of a locals block.
type Local struct {
	Name      string
	Expr      hcl.Expression
	DeclRange hcl.Range
}

// Objective is a SOC 1 control objective.
type Objective struct {
	Name        string
	Ref         hcl.Expression
	Title       hcl.Expression
	Description hcl.Expression
	COSO        hcl.Expression
	Mappings    hcl.Expression // framework name → criterion identifiers
	DeclRange   hcl.Range
}

// Provider is one provider instance's block. Config is the body without the
// arguments socle owns (alias, max_age, expect), validated by the provider type
// itself.
type Provider struct {
	Addr      addrs.Provider
	Config    hcl.Body
	MaxAge    hcl.Expression // a duration: older input makes its controls error
	Expect    *Expect        // completeness checks on the document
	DeclRange hcl.Range
	TypeRange hcl.Range
}

// Expect is a provider block's completeness checks, as auditors test
// information produced by the entity.
type Expect struct {
	MinItems  hcl.Expression // the document must hold at least this many items
	Params    hcl.Expression // each of these source parameters must have this value
	DeclRange hcl.Range
}

// Control is a control block.
type Control struct {
	Name        string
	Ref         hcl.Expression
	Objective   hcl.Expression // a reference: objective.NAME
	Title       hcl.Expression
	Description hcl.Expression
	Remediation hcl.Expression
	Policy      hcl.Expression // a Rego package name
	PolicyStyle hcl.Expression // "socle" (default) or "conftest"
	Providers   hcl.Expression // a list or map of provider references
	Frequency   hcl.Expression
	Automated   hcl.Expression
	Key         hcl.Expression
	Severity    hcl.Expression
	Owner       hcl.Expression
	Tags        hcl.Expression
	Mappings    hcl.Expression // framework name → criterion identifiers
	// TestProcedure overrides the test procedure socle report derives for
	// the control (a template with {fields}).
	TestProcedure hcl.Expression
	Count         hcl.Expression
	ForEach       hcl.Expression
	// Evidence are the evidence files of a manual control (automated = false).
	Evidence  []*Evidence
	DeclRange hcl.Range
}

// Evidence is one evidence block of a manual control: a file in the
// repository, the date the control was performed, and what the file shows.
type Evidence struct {
	File        hcl.Expression
	Date        hcl.Expression
	Description hcl.Expression
	SHA256      hcl.Expression // optional: the file's expected digest
	DeclRange   hcl.Range
}

// CUEC is a complementary user entity control: what a user entity must do for
// the service organization's objectives to be met.
type CUEC struct {
	Name        string
	Ref         hcl.Expression
	Objectives  hcl.Expression // a list of objective references
	Description hcl.Expression
	DeclRange   hcl.Range
}

// Subservice is a subservice organization (carve-out or inclusive), the
// complementary subservice organization controls (CSOCs) the service
// organization relies on, and the controls that monitor it.
type Subservice struct {
	Name        string
	OrgName     hcl.Expression // the organization's name
	Services    hcl.Expression
	Method      hcl.Expression // "carve-out" (default) or "inclusive"
	Objectives  hcl.Expression
	MonitoredBy hcl.Expression // a list of control references
	CSOCs       []*CSOC
	DeclRange   hcl.Range
}

// CSOC is one complementary subservice organization control.
type CSOC struct {
	Name        string
	Ref         hcl.Expression
	Description hcl.Expression
	Objectives  hcl.Expression // nil: the subservice organization's objectives
	DeclRange   hcl.Range
}

// Risk is one entry of the risk register: what could go wrong in financial
// reporting, how likely and how severe, the objectives it threatens and the
// controls that mitigate it.
type Risk struct {
	Name        string
	Ref         hcl.Expression
	Title       hcl.Expression
	Description hcl.Expression
	Likelihood  hcl.Expression // 1 to 5
	Impact      hcl.Expression // 1 to 5
	Objectives  hcl.Expression // a list of objective references
	COSO        hcl.Expression // principles 7 to 9
	Fraud       hcl.Expression // a fraud risk (principle 8)
	MitigatedBy hcl.Expression // a list of control references
	DeclRange   hcl.Range
}

// Test pins a control's expected result on fixture snapshots, like terraform
// test: socle test evaluates it.
type Test struct {
	Name      string
	Control   hcl.Expression // a reference: control.NAME
	Snapshot  hcl.Expression // an object: input key → snapshot path
	AsOf      hcl.Expression // optional: the clock for waivers and dates
	Expect    *TestExpect    // required
	DeclRange hcl.Range
}

// TestExpect is what a test expects.
type TestExpect struct {
	Status     hcl.Expression // pass | fail | not_tested | error
	Failing    hcl.Expression // optional: exactly the resources with unwaived findings
	Population hcl.Expression // optional: the population's size
	DeclRange  hcl.Range
}

// Waiver is a waiver block: an approved exception to a control.
type Waiver struct {
	Name       string
	Control    hcl.Expression // a reference: control.NAME
	Resources  hcl.Expression // nil: every finding of the control
	Reason     hcl.Expression
	ApprovedBy hcl.Expression
	Ticket     hcl.Expression
	Expires    hcl.Expression
	DeclRange  hcl.Range
}

// Notify is a notify block: a destination for what changed between recorded
// runs. Its attributes stay unevaluated until a run notifies, so a secret
// read with env() is needed only by the jobs that send.
type Notify struct {
	Name       string
	Type       hcl.Expression // webhook | slack | email
	URL        hcl.Expression // webhook, slack
	Secret     hcl.Expression // webhook: the HMAC-SHA256 key
	SMTP       hcl.Expression // email: host:port
	From       hcl.Expression // email
	To         hcl.Expression // email: a list of addresses
	ToOwners   hcl.Expression // email: also mail each control's owner their part
	Username   hcl.Expression // email: SMTP authentication
	Password   hcl.Expression
	Events     hcl.Expression // a list: newly_failing, fixed, waivers_expiring
	WaiverDays hcl.Expression // the horizon of waivers_expiring
	Retries    hcl.Expression
	Backoff    hcl.Expression // the first retry's delay, doubling
	Timeout    hcl.Expression // one attempt's time limit
	DeclRange  hcl.Range
}
