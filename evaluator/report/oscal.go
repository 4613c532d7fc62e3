package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
)

// OSCALVersion is the OSCAL version of the assessment results written.
const OSCALVersion = "1.1.2"

// OSCALNamespace qualifies socle's own props.
const OSCALNamespace = "https://socle.dev/ns/oscal"

// oscalNS is the namespace of the document's version 5 UUIDs: the same
// report always gets the same UUIDs, so reruns diff cleanly.
var oscalNS = uuid.NewSHA1(uuid.NameSpaceURL, []byte(OSCALNamespace))

// OSCAL writes the report as OSCAL 1.1.2 assessment results (JSON): one
// result for the report's period, the controls reviewed, one observation
// per evidence record (method TEST, collected at the record's as-of time,
// the record's id and SHA-256 as relevant evidence), one finding per
// control (satisfied when no exception was noted). There is no OSCAL
// assessment plan: import-ap points at a back-matter resource that says so
// and names the policy repository as the plan. Every UUID is a version 5
// UUID of a stable name.
type OSCAL struct{}

type (
	oscalDoc struct {
		AR oscalAR `json:"assessment-results"`
	}
	oscalAR struct {
		UUID       string          `json:"uuid"`
		Metadata   oscalMetadata   `json:"metadata"`
		ImportAP   oscalImportAP   `json:"import-ap"`
		Results    []oscalResult   `json:"results"`
		BackMatter oscalBackMatter `json:"back-matter"`
	}
	oscalMetadata struct {
		Title        string       `json:"title"`
		LastModified string       `json:"last-modified"`
		Version      string       `json:"version"`
		OSCALVersion string       `json:"oscal-version"`
		Props        []oscalProp  `json:"props,omitempty"`
		Parties      []oscalParty `json:"parties,omitempty"`
	}
	oscalParty struct {
		UUID string `json:"uuid"`
		Type string `json:"type"`
		Name string `json:"name"`
	}
	oscalProp struct {
		Name  string `json:"name"`
		NS    string `json:"ns,omitempty"`
		Value string `json:"value"`
		Class string `json:"class,omitempty"`
	}
	oscalImportAP struct {
		Href    string `json:"href"`
		Remarks string `json:"remarks,omitempty"`
	}
	oscalResult struct {
		UUID             string             `json:"uuid"`
		Title            string             `json:"title"`
		Description      string             `json:"description"`
		Start            string             `json:"start"`
		End              string             `json:"end"`
		Props            []oscalProp        `json:"props,omitempty"`
		ReviewedControls oscalReviewed      `json:"reviewed-controls"`
		Observations     []oscalObservation `json:"observations,omitempty"`
		Findings         []oscalFinding     `json:"findings,omitempty"`
		Remarks          string             `json:"remarks,omitempty"`
	}
	oscalReviewed struct {
		ControlSelections []oscalSelection `json:"control-selections"`
	}
	oscalSelection struct {
		IncludeControls []oscalControlID `json:"include-controls"`
	}
	oscalControlID struct {
		ControlID string `json:"control-id"`
	}
	oscalObservation struct {
		UUID             string          `json:"uuid"`
		Title            string          `json:"title"`
		Description      string          `json:"description"`
		Props            []oscalProp     `json:"props,omitempty"`
		Methods          []string        `json:"methods"`
		RelevantEvidence []oscalEvidence `json:"relevant-evidence"`
		Collected        string          `json:"collected"`
	}
	oscalEvidence struct {
		Href        string      `json:"href"`
		Description string      `json:"description"`
		Props       []oscalProp `json:"props,omitempty"`
	}
	oscalFinding struct {
		UUID                string         `json:"uuid"`
		Title               string         `json:"title"`
		Description         string         `json:"description"`
		Props               []oscalProp    `json:"props,omitempty"`
		Target              oscalTarget    `json:"target"`
		RelatedObservations []oscalRelated `json:"related-observations,omitempty"`
		Remarks             string         `json:"remarks,omitempty"`
	}
	oscalTarget struct {
		Type     string      `json:"type"`
		TargetID string      `json:"target-id"`
		Title    string      `json:"title"`
		Status   oscalStatus `json:"status"`
	}
	oscalStatus struct {
		State string `json:"state"`
	}
	oscalRelated struct {
		ObservationUUID string `json:"observation-uuid"`
	}
	oscalBackMatter struct {
		Resources []oscalResource `json:"resources"`
	}
	oscalResource struct {
		UUID        string `json:"uuid"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
)

// Render implements Renderer.
func (OSCAL) Render(w io.Writer, r *Report) error {
	c := r.Cover
	scope := fmt.Sprintf("%s|%s|%s|%s..%s", c.Organization, c.System, c.Type, c.From, c.To)
	id := func(kind, name string) string { return uuid.NewSHA1(oscalNS, []byte(scope+"|"+kind+"|"+name)).String() }
	prop := func(name, value string) oscalProp { return oscalProp{Name: name, NS: OSCALNamespace, Value: value} }

	plan := id("plan", "")
	doc := oscalDoc{AR: oscalAR{
		UUID: id("assessment-results", ""),
		Metadata: oscalMetadata{
			Title:        title(r),
			LastModified: c.GeneratedAt.UTC().Format(time.RFC3339),
			Version:      c.From + ".." + c.To,
			OSCALVersion: OSCALVersion,
			Props: nonEmptyProps(prop("report-type", c.Type), prop("socle-version", c.SocleVersion), prop("opa-version", c.OPAVersion),
				prop("store-head-hash", c.Store.HeadHash), prop("store-head-seq", fmt.Sprint(c.Store.HeadSeq))),
		},
		ImportAP: oscalImportAP{Href: "#" + plan, Remarks: "socle writes no OSCAL assessment plan: the plan is the policy repository's control matrix (socle matrix, socle docs)."},
	}}
	if c.Organization != "" {
		doc.AR.Metadata.Parties = []oscalParty{{UUID: id("party", c.Organization), Type: "organization", Name: c.Organization}}
	}
	res := oscalResult{
		UUID:        id("result", ""),
		Title:       fmt.Sprintf("SOC 1 %s, %s", c.Type, periodWords(c)),
		Description: fmt.Sprintf("socle's automated and evidenced tests of the controls of %s over %s, from the evidence store %s (head #%d %s). %s %s", orNone(c.System), periodWords(c), c.Store.Location, c.Store.HeadSeq, c.Store.HeadHash, c.Store.Verification, c.Signatures.Statement),
		Start:       c.From + "T00:00:00Z",
		End:         c.To + "T23:59:59Z",
		Props: nonEmptyProps(prop("controls", fmt.Sprint(r.Summary.Controls)), prop("controls-with-exceptions", fmt.Sprint(r.Summary.ControlsWithExceptions)),
			prop("deviations", fmt.Sprint(r.Summary.Deviations)), prop("records", fmt.Sprint(r.Summary.Records))),
	}
	// With --framework, the result names the framework, its coverage and
	// each criterion no control covers, and each finding the criteria its
	// control is mapped to (props of class soc2 or iso27001).
	criteria := map[string][]oscalProp{} // control label → its criteria
	if f := r.Framework; f != nil {
		res.Props = append(res.Props, prop("framework", f.Name), prop("framework-criteria", fmt.Sprint(len(f.Criteria))),
			prop("framework-criteria-covered", fmt.Sprint(f.Covered)))
		for _, g := range f.Gaps {
			p := prop("framework-gap", g)
			p.Class = f.Name
			res.Props = append(res.Props, p)
		}
		for _, c := range f.Criteria {
			for _, row := range c.Controls {
				p := prop("framework-criterion", c.ID)
				p.Class = f.Name
				criteria[row.Label] = append(criteria[row.Label], p)
			}
		}
	}
	sel := oscalSelection{IncludeControls: []oscalControlID{}}
	observations := map[string][]oscalRelated{} // control label → its observations
	for _, e := range r.Evidence {
		o := oscalObservation{
			UUID:  id("observation", e.ID),
			Title: "Evidence record " + e.ID,
			Description: fmt.Sprintf("socle evaluated control %s on %s as of %s: %s.", strings.TrimSpace(e.ControlRef+" "+e.Control), e.Target,
				e.AsOf.UTC().Format(time.RFC3339), e.Status),
			Props:     nonEmptyProps(prop("control", e.Control), prop("target", e.Target), prop("status", string(e.Status)), prop("policy-sha256", e.PolicySHA256)),
			Methods:   []string{"TEST"},
			Collected: e.AsOf.UTC().Format(time.RFC3339),
			RelevantEvidence: []oscalEvidence{{
				Href:        "urn:socle:record:" + e.ID,
				Description: fmt.Sprintf("Evidence record %s, SHA-256 %s: socle evidence show %s prints it; socle reperform %s evaluates it again from its stored inputs.", e.ID, e.SHA256, e.ID, e.ID),
				Props:       nonEmptyProps(prop("record-sha256", e.SHA256)),
			}},
		}
		if strings.HasPrefix(e.ID, "file:") {
			o.Title = "Evidence file " + strings.TrimPrefix(e.ID, "file:")
			o.Methods = []string{"EXAMINE"}
			o.RelevantEvidence[0].Href = strings.TrimPrefix(e.ID, "file:")
			o.RelevantEvidence[0].Description = fmt.Sprintf("Evidence file %s of the policy repository, SHA-256 %s.", strings.TrimPrefix(e.ID, "file:"), e.SHA256)
		}
		res.Observations = append(res.Observations, o)
		observations[e.Control] = append(observations[e.Control], oscalRelated{ObservationUUID: o.UUID})
	}
	for _, s := range r.Sections {
		for _, row := range s.Controls {
			cid := Token(row.Label)
			sel.IncludeControls = append(sel.IncludeControls, oscalControlID{ControlID: cid})
			state := "satisfied"
			if row.Exceptions {
				state = "not-satisfied"
			}
			res.Findings = append(res.Findings, oscalFinding{
				UUID:        id("finding", row.Label),
				Title:       strings.TrimSpace(row.Ref + " " + row.Title),
				Description: row.Result,
				Props: nonEmptyProps(prop("objective", s.Ref), prop("control-ref", row.Ref), prop("kind", row.Kind), prop("frequency", row.Frequency),
					prop("occurrences-expected", fmt.Sprint(row.Expected)), prop("occurrences-covered", fmt.Sprint(row.Covered)),
					prop("occurrences-failed", fmt.Sprint(row.Failed)), prop("occurrences-not-operated", fmt.Sprint(row.NotOperated))),
				Target:              oscalTarget{Type: "objective-id", TargetID: cid, Title: row.Title, Status: oscalStatus{State: state}},
				RelatedObservations: observations[row.Label],
				Remarks:             row.TestProcedure,
			})
			f := &res.Findings[len(res.Findings)-1]
			f.Props = append(f.Props, criteria[row.Label]...)
		}
	}
	res.ReviewedControls = oscalReviewed{ControlSelections: []oscalSelection{sel}}
	if len(c.Notes) > 0 {
		res.Remarks = strings.Join(c.Notes, " ")
	}
	doc.AR.Results = []oscalResult{res}
	doc.AR.BackMatter = oscalBackMatter{Resources: []oscalResource{{UUID: plan, Title: "Assessment plan: the socle policy repository",
		Description: "The controls, their objectives, policies, providers and frequencies as the policy repository declares them; socle docs writes the review pack."}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func periodWords(c Cover) string {
	if c.Type == TypeI {
		return "as of " + c.To
	}
	return c.From + " to " + c.To
}

// nonEmptyProps drops props without a value (OSCAL forbids empty values).
func nonEmptyProps(ps ...oscalProp) []oscalProp {
	var out []oscalProp
	for _, p := range ps {
		if strings.TrimSpace(p.Value) != "" {
			p.Value = strings.TrimSpace(p.Value)
			out = append(out, p)
		}
	}
	return out
}

var nonToken = regexp.MustCompile(`[^\p{L}\p{N}._-]`)

// Token turns a control label (iam_mfa, iam_mfa["eu"]) into an OSCAL token
// (NCName): characters a token cannot hold become "-", and a label that
// cannot start one is prefixed with "_".
func Token(label string) string {
	t := nonToken.ReplaceAllString(label, "-")
	if t == "" || !regexp.MustCompile(`^[\p{L}_]`).MatchString(t) {
		t = "_" + t
	}
	return t
}
