package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/report"
	"github.com/xeipuuv/gojsonschema"
)

// oscalSchema is the official OSCAL 1.1.2 assessment-results schema, read in
// place from ../shared/schemas beside the repository. Under CI a missing
// schema fails the test; elsewhere it skips with the reason.
func oscalSchema(t *testing.T) *gojsonschema.Schema {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "schemas", "oscal_assessment-results_schema-1.1.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the OSCAL schema is not beside the repository: %v", err)
		}
		t.Skipf("the OSCAL schema is not beside the repository (../shared/schemas): %v", err)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + p))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOSCALValidates validates the OSCAL goldens and a fresh rendering
// against the official schema, checks the shape the issue asks for (one
// result, an observation per record with method TEST and the record's hash,
// a finding per control), that the validator can fail, and that UUIDs are
// stable across renderings.
func TestOSCALValidates(t *testing.T) {
	s := oscalSchema(t)
	// The validator must be able to fail: a finding whose state is not an
	// OSCAL state, and an observation without methods.
	for _, bad := range []string{
		`{"assessment-results": {"uuid": "not-a-uuid", "metadata": {"title": "x", "last-modified": "2026-04-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2"}, "import-ap": {"href": "#x"}, "results": []}}`,
	} {
		if res, err := s.Validate(gojsonschema.NewStringLoader(bad)); err != nil || res.Valid() {
			t.Fatalf("an invalid document validated (err %v)", err)
		}
	}
	for _, c := range goldenCases {
		r := buildReport(t, c.from, c.to)
		var buf, again bytes.Buffer
		if err := (report.OSCAL{}).Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := (report.OSCAL{}).Render(&again, buildReport(t, c.from, c.to)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: two renderings differ: the UUIDs or the order are not stable", c.name)
		}
		res, err := s.Validate(gojsonschema.NewBytesLoader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%s: %s", c.name, e)
		}
		// The schema's patterns are applied: a control id that is not a
		// token (it starts with a digit) is refused.
		mutated := bytes.Replace(buf.Bytes(), []byte(`"control-id": "mfa"`), []byte(`"control-id": "1.1"`), 1)
		if bytes.Equal(mutated, buf.Bytes()) {
			t.Fatalf("%s: no control-id mfa to mutate", c.name)
		}
		if res, err := s.Validate(gojsonschema.NewBytesLoader(mutated)); err != nil || res.Valid() {
			t.Errorf("%s: a control-id that is not a token validated (err %v)", c.name, err)
		}
		var doc struct {
			AR struct {
				Results []struct {
					Reviewed struct {
						Selections []struct {
							Include []struct {
								ControlID string `json:"control-id"`
							} `json:"include-controls"`
						} `json:"control-selections"`
					} `json:"reviewed-controls"`
					Observations []struct {
						UUID      string
						Methods   []string
						Collected string
						Evidence  []struct{ Href, Description string } `json:"relevant-evidence"`
					}
					Findings []struct {
						Target struct {
							TargetID string `json:"target-id"`
							Status   struct{ State string }
						}
						Related []struct {
							UUID string `json:"observation-uuid"`
						} `json:"related-observations"`
					}
				}
			} `json:"assessment-results"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.AR.Results) != 1 {
			t.Fatalf("%s: %d results, want 1", c.name, len(doc.AR.Results))
		}
		result := doc.AR.Results[0]
		if len(result.Observations) != len(r.Evidence) || len(result.Findings) != r.Summary.Controls || len(result.Reviewed.Selections[0].Include) != r.Summary.Controls {
			t.Errorf("%s: %d observations, %d findings, %d controls reviewed; want %d, %d, %d", c.name, len(result.Observations), len(result.Findings),
				len(result.Reviewed.Selections[0].Include), len(r.Evidence), r.Summary.Controls, r.Summary.Controls)
		}
		for i, o := range result.Observations {
			e := r.Evidence[i]
			if strings.HasPrefix(e.ID, "file:") {
				continue
			}
			if o.Methods[0] != "TEST" || !strings.Contains(o.Evidence[0].Description, e.SHA256) || o.Collected != e.AsOf.UTC().Format("2006-01-02T15:04:05Z") {
				t.Errorf("%s: observation %d %+v does not describe record %s", c.name, i, o, e.ID)
				break
			}
		}
		notSatisfied := 0
		for _, f := range result.Findings {
			if f.Target.Status.State == "not-satisfied" {
				notSatisfied++
			}
		}
		if notSatisfied != r.Summary.ControlsWithExceptions {
			t.Errorf("%s: %d findings not satisfied, want %d", c.name, notSatisfied, r.Summary.ControlsWithExceptions)
		}
	}
}

func TestToken(t *testing.T) {
	for in, want := range map[string]string{"mfa": "mfa", `iam_mfa["eu"]`: "iam_mfa--eu--", "iam_mfa[0]": "iam_mfa-0-", "4.1": "_4.1"} {
		if got := report.Token(in); got != want {
			t.Errorf("Token(%q) = %q, want %q", in, got, want)
		}
	}
}
