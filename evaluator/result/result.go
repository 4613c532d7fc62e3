// Package result is the result model: the document `socle eval --format json`
// writes (format version 1) and every other format and the evidence store derive
// from, with the behaviour that belongs to it (summary, exit code, ordering).
//
// It imports nothing of socle.
package result

import (
	"slices"
	"strings"
	"time"
)

// FormatVersion is the version of the result document's shape. It changes only
// when a field changes meaning or disappears; new fields keep the version.
const FormatVersion = "1"

// Status of one control on one target.
type Status string

const (
	StatusPass      Status = "pass"
	StatusFail      Status = "fail"
	StatusNotTested Status = "not_tested"
	StatusError     Status = "error"
)

// Document is the result of one run.
type Document struct {
	FormatVersion string    `json:"format_version"`
	Run           Run       `json:"run"`
	Results       []*Result `json:"results"`
	Summary       Summary   `json:"summary"`
	// CUECs and Subservices are the complementary user entity controls and
	// the subservice organizations the repository declares, so every report
	// derived from the document carries them. Omitted when there are none.
	CUECs       []CUEC       `json:"cuecs,omitempty"`
	Subservices []Subservice `json:"subservice_organizations,omitempty"`

	// Used is what the run used (input documents, policy modules), for the
	// evidence store; nil unless the evaluation was asked to keep it. Not
	// part of the JSON document.
	Used *Used `json:"-"`
}

// Run describes the invocation.
type Run struct {
	ID           string            `json:"id"`
	AsOf         time.Time         `json:"as_of"`
	StartedAt    time.Time         `json:"started_at"`
	DurationMS   int64             `json:"duration_ms"`
	SocleVersion string            `json:"socle_version"`
	OPAVersion   string            `json:"opa_version"`
	PolicySHA256 string            `json:"policy_sha256"`
	Directory    string            `json:"directory,omitempty"` // the policy repository, as named on the command line
	Organization string            `json:"organization,omitempty"`
	System       string            `json:"system,omitempty"`
	Context      map[string]string `json:"context"`
	// RunGroup names the logical run a shard belongs to (socle eval
	// --run-group): the shards of one run share it, and socle merge
	// requires it to agree. Omitted when not given.
	RunGroup string `json:"run_group,omitempty"`
	// Shard is the part of the run this document holds (socle eval
	// --shard I/N); omitted for a whole run and a merged one.
	Shard *Shard `json:"shard,omitempty"`
	// ShardRuns are the run ids of the shards a merged document was made
	// of (socle merge), by shard index; omitted otherwise.
	ShardRuns []string `json:"shard_runs,omitempty"`
}

// Result is one control evaluated on one target.
type Result struct {
	Control    Control   `json:"control"`
	Objective  Objective `json:"objective"`
	Target     string    `json:"target"`
	Inputs     []Input   `json:"inputs"`
	Status     Status    `json:"status"`
	Population *int      `json:"population"` // null when status is error
	Findings   []Finding `json:"findings"`   // null when status is error
	Warnings   []Finding `json:"warnings"`
	// FindingsOmitted and WarningsOmitted count the findings and warnings
	// past limits { findings }: decided on, not kept in full.
	FindingsOmitted int     `json:"findings_omitted,omitempty"`
	WarningsOmitted int     `json:"warnings_omitted,omitempty"`
	Error           *string `json:"error"`
	// Reason says why a not_tested result examined nothing (an input with
	// no items, a policy whose resources matched nothing, a manual control
	// without evidence for the occurrence); omitted for other statuses.
	Reason      string            `json:"reason,omitempty"`
	InputSHA256 map[string]string `json:"input_sha256"`
	Policy      Policy            `json:"policy"`
	DurationMS  int64             `json:"duration_ms"`
	// Evidence lists the files a manual control's result rests on (automated
	// = false), with their digests; omitted for automated controls.
	Evidence []EvidenceFile `json:"evidence,omitempty"`

	// Resources is the population itself, sorted: not part of the JSON
	// document (it can be large), but every resource's verdict goes into the
	// evidence record.
	Resources []string `json:"-"`
}

// Input is one input document of a target: the key under `input` and the
// provider instance it came from.
type Input struct {
	Key      string `json:"key"`
	Provider string `json:"provider"` // TYPE or TYPE.ALIAS
	Type     string `json:"type"`
	Alias    string `json:"alias,omitempty"`
}

// Control identifies the control a result belongs to.
type Control struct {
	Label       string            `json:"label"` // the block label, with its instance key: iam_mfa or iam_mfa["eu"]
	Ref         string            `json:"ref"`
	Title       string            `json:"title"`
	Description string            `json:"description,omitempty"`
	Remediation string            `json:"remediation,omitempty"`
	Severity    string            `json:"severity"`
	Key         bool              `json:"key"`
	Frequency   string            `json:"frequency"`
	Automated   bool              `json:"automated"`
	Owner       string            `json:"owner,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	File        string            `json:"file"`
	Line        int               `json:"line"`
}

// Objective identifies the control objective.
type Objective struct {
	Label       string `json:"label"`
	Ref         string `json:"ref"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	COSO        []int  `json:"coso"`
}

// Policy identifies the policy version that produced a result.
type Policy struct {
	Package string `json:"package"`
	SHA256  string `json:"sha256"`
	// Style is "conftest" for a conftest-style control (policy_style), and
	// omitted for socle's own contract.
	Style string `json:"style,omitempty"`
}

// Finding is one deny (in findings) or warn (in warnings).
type Finding struct {
	Resource string    `json:"resource"` // "" for a finding about the target as a whole
	Message  string    `json:"message"`
	Location *Location `json:"location,omitempty"` // where the resource is defined, when its provider knows
	Waived   bool      `json:"waived"`
	Waiver   *Waiver   `json:"waiver,omitempty"`
}

// Location is a file relative to the policy repository (run.directory) and a
// 1-based line.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Waiver is the waiver that covered a finding.
type Waiver struct {
	Label      string `json:"label"`
	Reason     string `json:"reason"`
	ApprovedBy string `json:"approved_by"`
	Ticket     string `json:"ticket,omitempty"`
	Expires    string `json:"expires"`
}

// EvidenceFile is one evidence file of a manual control.
type EvidenceFile struct {
	File        string `json:"file"` // relative to the policy repository
	Date        string `json:"date"` // YYYY-MM-DD: when the control was performed
	Description string `json:"description,omitempty"`
	SHA256      string `json:"sha256"`
}

// CUEC is a complementary user entity control.
type CUEC struct {
	Label       string   `json:"label"`
	Ref         string   `json:"ref"`
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"` // objective labels
}

// Subservice is a subservice organization and its complementary subservice
// organization controls.
type Subservice struct {
	Label       string   `json:"label"`
	Name        string   `json:"name"`
	Services    string   `json:"services"`
	Method      string   `json:"method"` // carve-out or inclusive
	Objectives  []string `json:"objectives"`
	MonitoredBy []string `json:"monitored_by"` // control labels
	CSOCs       []CSOC   `json:"csocs"`
}

// CSOC is a complementary subservice organization control.
type CSOC struct {
	Label       string   `json:"label"`
	Ref         string   `json:"ref"`
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"`
}

// Summary counts results by status.
type Summary struct {
	Pass      int `json:"pass"`
	Fail      int `json:"fail"`
	Error     int `json:"error"`
	NotTested int `json:"not_tested"`
}

// Summarize counts the results.
func Summarize(results []*Result) Summary {
	var s Summary
	for _, r := range results {
		switch r.Status {
		case StatusPass:
			s.Pass++
		case StatusFail:
			s.Fail++
		case StatusError:
			s.Error++
		case StatusNotTested:
			s.NotTested++
		}
	}
	return s
}

// Sort orders results by objective ref, control ref, control label, target
// (see Order): the order every output uses.
func Sort(results []*Result) {
	slices.SortStableFunc(results, func(a, b *Result) int { return OrderOf(a).Compare(OrderOf(b)) })
}

// CompareRef orders references the way people number them: "CO-2" before
// "CO-10", "4.2" before "4.10". Runs of digits compare as numbers.
func CompareRef(a, b string) int {
	for a != "" && b != "" {
		da, ra := leadingDigits(a)
		db, rb := leadingDigits(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}
