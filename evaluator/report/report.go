// Package report builds the auditor's report of a period from the evidence
// store — Type I (the design as of one date: the latest record of each
// control up to it) or Type II (the operation over a range of dates) — and
// renders it as HTML, XLSX, OSCAL assessment results, Markdown or JSON.
//
// The model (Report) is built once (Build, build.go) and every format is a
// view of it, one file per format behind the Renderer interface (render.go):
// no format computes anything the others lack.
//
// It sits above the engine: it reads the loaded repository (evaluator.Repo)
// for what the organization declares, the store (evaluator/store) for what
// happened, the period engine (evaluator/period) for occurrences, and
// reperforms records through evaluator.Reperform. Only cmd imports it.
package report

import (
	"time"

	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

// Version is the version of the report model's shape (the json format).
const Version = "1"

// Report types.
const (
	TypeI  = "Type I"
	TypeII = "Type II"
)

// Control kinds: how a control operates, which decides the test procedure
// derived for it.
const (
	KindAutomated = "automated" // a Rego policy following socle's contract
	KindConftest  = "conftest"  // a conftest policy run unchanged over files
	KindManual    = "manual"    // people perform it; evidence files with dates
)

// Occurrence states, as the day cells of the HTML heat strip show them.
const (
	StateOK          = "ok"           // covered, no failure
	StateFailed      = "failed"       // a record of the occurrence failed
	StateErrored     = "errored"      // every record errored: did not operate
	StateMissing     = "missing"      // no record: did not operate
	StateNotExpected = "not_expected" // outside any expected occurrence (Type I days)
)

// Report is the whole report: what every format shows.
type Report struct {
	ReportVersion string    `json:"report_version"`
	Cover         Cover     `json:"cover"`
	Headings      Headings  `json:"headings"`
	Summary       Summary   `json:"summary"`
	Sections      []Section `json:"sections"`
	// Framework is the report pivoted to another framework's criteria
	// (Options.Framework); absent otherwise.
	Framework *Framework `json:"framework,omitempty"`
	// Deviations are every failed, errored or missing occurrence, in
	// section order then date.
	Deviations    []Deviation     `json:"deviations"`
	Waivers       []Waiver        `json:"waivers"`
	CUECs         []CUEC          `json:"cuecs"`
	Subservices   []Subservice    `json:"subservice_organizations"`
	Coverage      Coverage        `json:"coverage"`
	Samples       []Sample        `json:"samples"`
	Reperformance []Reperformance `json:"reperformance"`
	// Evidence is the index of every record (and manual evidence file) the
	// report rests on, oldest first, so every line can be traced and
	// reperformed.
	Evidence []EvidenceEntry `json:"evidence_index"`
}

// Cover is the first page.
type Cover struct {
	Organization string `json:"organization"`
	System       string `json:"system"`
	Type         string `json:"type"` // Type I or Type II
	// From and To are the period's dates (YYYY-MM-DD, both included); for
	// Type I both are the as-of date.
	From        string    `json:"from"`
	To          string    `json:"to"`
	GeneratedAt time.Time `json:"generated_at"`
	// SocleVersion and OPAVersion are the generating socle's;
	// RecordedWith the versions that made the records ("socle X, OPA Y").
	SocleVersion string          `json:"socle_version"`
	OPAVersion   string          `json:"opa_version"`
	RecordedWith []string        `json:"recorded_with"`
	Store        StoreStatus     `json:"store"`
	Signatures   SignatureStatus `json:"signatures"`
	// Notes are what the reader must know about how the report was made
	// (no repository, reperformance skipped, …).
	Notes []string `json:"notes"`
}

// StoreStatus is the evidence store as the report read it.
type StoreStatus struct {
	Location string `json:"location"`
	HeadSeq  int64  `json:"head_seq"`
	HeadHash string `json:"head_hash"`
	// Verified: the whole chain was recomputed and found intact.
	Verified bool `json:"verified"`
	// Verification is the outcome in a sentence.
	Verification string `json:"verification"`
	Runs         int    `json:"runs"`    // runs the report read
	Records      int    `json:"records"` // records the report read
}

// SignatureStatus is what the report knows of the runs' signatures.
type SignatureStatus struct {
	Runs     int      `json:"runs"`     // runs the report read
	Signed   int      `json:"signed"`   // of them, with a stored signature
	KeyIDs   []string `json:"key_ids"`  // the keys the stored signatures name
	Verified bool     `json:"verified"` // checked with a public key, every signature valid
	Unsigned []string `json:"unsigned"` // run ids without a signature
	// Statement is the status in a sentence.
	Statement string `json:"statement"`
}

// Headings are the table headings, socle's or the socle block's.
type Headings struct {
	Objective string `json:"objective"`
	Ref       string `json:"ref"`
	Activity  string `json:"activity"`
	Test      string `json:"test"`
	Result    string `json:"result"`
}

// Summary is the report's numbers at a glance.
type Summary struct {
	Objectives             int `json:"objectives"`
	Controls               int `json:"controls"`
	ControlsWithExceptions int `json:"controls_with_exceptions"`
	KeyControls            int `json:"key_controls"`
	// Occurrences over every control and target.
	Expected    int `json:"occurrences_expected"`
	Covered     int `json:"occurrences_covered"`
	Failed      int `json:"occurrences_failed"`
	NotOperated int `json:"occurrences_not_operated"`
	Deviations  int `json:"deviations"`
	Waivers     int `json:"waivers"`
	Records     int `json:"records"`
	Samples     int `json:"samples"`
	// Reperformed records, and those whose reperformance was not identical.
	Reperformed int `json:"reperformed"`
	Different   int `json:"reperformed_different"`
}

// Section groups controls under one heading: a control objective (Kind
// "objective"). A framework pivot would group them under a framework's
// requirements instead, with the same rows.
type Section struct {
	Kind        string `json:"kind"`
	Label       string `json:"label"`
	Ref         string `json:"ref"`
	Title       string `json:"title"`
	Description string `json:"description"`
	COSO        []int  `json:"coso"`
	Controls    []Row  `json:"controls"`
	// CUECs and CSOCs that bear on this objective.
	CUECs []CUEC `json:"cuecs"`
	CSOCs []CSOC `json:"csocs"`
}

// Row is one control in the Section 4 table.
type Row struct {
	Label     string `json:"label"`
	Ref       string `json:"ref"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	Key       bool   `json:"key"`
	Severity  string `json:"severity"`
	Frequency string `json:"frequency"`
	Owner     string `json:"owner"`
	Policy    string `json:"policy"` // the Rego package; "" for a manual control
	// Activity is the control activity as the organization specifies it
	// (its description, else its title).
	Activity string `json:"activity"`
	// TestProcedure is the test performed: derived from the kind, or the
	// control's test_procedure with its fields filled in.
	TestProcedure string `json:"test_procedure"`
	// Result is the conclusion: "No exceptions noted." or "Exceptions
	// noted: …", per target when there are several.
	Result     string   `json:"result"`
	Exceptions bool     `json:"exceptions"`
	Targets    []Target `json:"targets"`
	// Totals over the targets.
	Expected    int `json:"occurrences_expected"`
	Covered     int `json:"occurrences_covered"`
	Failed      int `json:"occurrences_failed"`
	NotOperated int `json:"occurrences_not_operated"`
	Records     int `json:"records"`
	// PassRate is the share of expected occurrences that operated without
	// failure, in percent (0 when none was expected).
	PassRate float64 `json:"pass_rate"`
	// Days are the period's days with the state of the occurrence that holds
	// each (the worst over targets) and the population's pass rate that day.
	Days []Day `json:"days"`
}

// Target is one control on one target over the period, as the period
// engine counts it (for Type I: one occurrence, the as-of date).
type Target struct {
	period.Control
	// Latest is, for Type I, the record the design is judged on ("" when
	// there is none).
	Latest *EvidenceEntry `json:"latest,omitempty"`
}

// Day is one day of the period for one control.
type Day struct {
	Date  string `json:"date"`
	State string `json:"state"`
	// PassRate is the share of the population that passed (waived
	// included) in that day's records, in percent; nil when no record with a
	// population was made that day.
	PassRate *float64 `json:"pass_rate"`
}

// Deviation is one failed, errored or missing occurrence.
type Deviation struct {
	Section    string `json:"section"` // the objective's ref
	Control    string `json:"control"`
	ControlRef string `json:"control_ref"`
	Title      string `json:"title"`
	Target     string `json:"target"`
	Occurrence string `json:"occurrence"` // 2026-02-14, 2026-W07, 2026-03, 2026-Q1, 2026
	From       string `json:"from"`       // the occurrence's first and last day in the period
	To         string `json:"to"`
	Kind       string `json:"kind"` // failed, errored, missing
	// Description says what happened in a sentence.
	Description string            `json:"description"`
	Records     []DeviationRecord `json:"records"`
}

// DeviationRecord is a record of a deviating occurrence.
type DeviationRecord struct {
	ID       string          `json:"id"`
	SHA256   string          `json:"sha256"`
	AsOf     time.Time       `json:"as_of"`
	Status   result.Status   `json:"status"`
	Findings []FindingDetail `json:"findings"` // the unwaived deny findings
	Error    string          `json:"error,omitempty"`
}

// FindingDetail is one resource that failed, with its messages ("" resource:
// the target as a whole).
type FindingDetail struct {
	Resource string   `json:"resource"`
	Messages []string `json:"messages"`
}

// Waiver is a waiver in force during the period (declared in the
// repository and not expired before the period began), or one that records
// of the period applied.
type Waiver struct {
	Label      string   `json:"label"`
	Control    string   `json:"control"`
	ControlRef string   `json:"control_ref"`
	Resources  []string `json:"resources"` // nil: every finding of the control
	Reason     string   `json:"reason"`
	ApprovedBy string   `json:"approved_by"`
	Ticket     string   `json:"ticket"`
	Expires    string   `json:"expires"`
	// Applied is the number of records of the period that applied it, from
	// First to Last (days).
	Applied int    `json:"applied"`
	First   string `json:"first"`
	Last    string `json:"last"`
	// Status in a few words: applied, matched nothing, expired on DATE.
	Status string `json:"status"`
}

// CUEC is a complementary user entity control.
type CUEC struct {
	Ref         string   `json:"ref"`
	Label       string   `json:"label"`
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"` // refs
}

// Subservice is a subservice organization and its CSOCs.
type Subservice struct {
	Label       string   `json:"label"`
	Name        string   `json:"name"`
	Services    string   `json:"services"`
	Method      string   `json:"method"`
	Objectives  []string `json:"objectives"`   // refs
	MonitoredBy []string `json:"monitored_by"` // control refs (labels when no ref)
	CSOCs       []CSOC   `json:"csocs"`
}

// CSOC is a complementary subservice organization control.
type CSOC struct {
	Ref         string   `json:"ref"`
	Label       string   `json:"label"`
	Subservice  string   `json:"subservice"` // the organization's name
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"` // refs
}

// Coverage is what the period's evidence covers.
type Coverage struct {
	Objectives []ObjectiveCoverage `json:"objectives"`
	COSO       []COSOCoverage      `json:"coso"`
	// ControlsWithoutEvidence are declared controls with no record (and,
	// manual, no evidence file) in the period.
	ControlsWithoutEvidence []ControlName `json:"controls_without_evidence"`
	// PolicyChanges are the controls whose policy changed within the
	// period, with every version and its dates.
	PolicyChanges []PolicyChange `json:"policy_changes"`
}

// ObjectiveCoverage is one objective's controls and those with evidence.
type ObjectiveCoverage struct {
	Ref          string `json:"ref"`
	Title        string `json:"title"`
	Controls     int    `json:"controls"`
	WithEvidence int    `json:"with_evidence"`
	Covered      bool   `json:"covered"` // a control of it has evidence
}

// COSOCoverage is one COSO 2013 principle.
type COSOCoverage struct {
	Principle  int      `json:"principle"`
	Name       string   `json:"name"`
	Objectives []string `json:"objectives"` // refs of the objectives mapped to it
	Covered    bool     `json:"covered"`    // one of them has evidence
}

// ControlName names a control.
type ControlName struct {
	Ref   string `json:"ref"`
	Label string `json:"label"`
	Title string `json:"title"`
}

// PolicyChange is a control whose policy changed within the period.
type PolicyChange struct {
	ControlRef string                 `json:"control_ref"`
	Control    string                 `json:"control"`
	Target     string                 `json:"target"`
	Policy     string                 `json:"policy"`
	Versions   []period.PolicyVersion `json:"versions"`
}

// Sample is a sample recorded in the store for (part of) the period.
type Sample struct {
	store.Sample
	// PopulationSize is the number of covered occurrences sampled from.
	PopulationSize int `json:"population_size"`
}

// Reperformance is one record evaluated again from its stored inputs.
type Reperformance struct {
	RecordID   string `json:"record_id"`
	Control    string `json:"control"`
	ControlRef string `json:"control_ref"`
	Target     string `json:"target"`
	Occurrence string `json:"occurrence"`
	// Why it was reperformed: "sample SAMPLE_ID" or "latest record".
	Reason string `json:"reason"`
	// Outcome: identical, different, or not reperformed.
	Outcome string `json:"outcome"`
	Detail  string `json:"detail"`
}

// Reperformance outcomes.
const (
	OutcomeIdentical = "identical"
	OutcomeDifferent = "different"
	OutcomeFailed    = "not reperformed"
)

// EvidenceEntry is one record (or a manual control's evidence file).
type EvidenceEntry struct {
	// ID is the record id (RUN_ID/N), or for a file "file:PATH".
	ID           string        `json:"id"`
	SHA256       string        `json:"sha256"`
	AsOf         time.Time     `json:"as_of"`
	ObjectiveRef string        `json:"objective_ref"`
	ControlRef   string        `json:"control_ref"`
	Control      string        `json:"control"`
	Target       string        `json:"target"`
	Status       result.Status `json:"status"`
	PolicySHA256 string        `json:"policy_sha256"`
}
