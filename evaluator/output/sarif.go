package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/evaluator/result"
)

// SARIF writes SARIF 2.1.0 for code scanning: one rule per control, one result
// per finding (waived findings carry a suppression), located at the resource's
// definition when its provider knows it, else at the control's block.
type SARIF struct{}

// SecuritySeverity maps a control's severity to GitHub's security-severity
// score (0.0–10.0: low < 4, medium < 7, high < 9, critical ≥ 9).
var SecuritySeverity = map[string]string{"low": "3.0", "medium": "5.5", "high": "8.0", "critical": "9.5"}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string            `json:"level"`
	Message    sarifText         `json:"message"`
	Locations  []sarifLocation   `json:"locations,omitempty"`
	Descriptor *sarifDescriptor  `json:"associatedRule,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

type sarifDescriptor struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]string  `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

// Format implements Formatter.
func (SARIF) Format(w io.Writer, doc *result.Document) error {
	ids := ruleIDs(doc)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "socle",
			Version:        doc.Run.SocleVersion,
			InformationURI: "https://github.com/socle-dev/socle",
			Rules:          []sarifRule{},
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: doc.Summary.Error == 0}},
		Results:     []sarifResult{},
		Properties: map[string]any{
			"runId": doc.Run.ID, "asOf": doc.Run.AsOf, "policySha256": doc.Run.PolicySHA256, "opaVersion": doc.Run.OPAVersion,
		},
	}
	index := map[string]int{}
	for _, r := range doc.Results {
		id := ids[r.Control.Label]
		i, ok := index[id]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			index[id] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(id, r))
		}
		controlLoc := location(doc.Run.Directory, r.Control.File, r.Control.Line)
		if r.Status == result.StatusError {
			msg := "the control did not operate"
			if r.Error != nil {
				msg = *r.Error
			}
			run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, sarifNotification{
				Level:      "error",
				Message:    sarifText{Text: fmt.Sprintf("%s on %s: %s", r.Control.Label, r.Target, msg)},
				Locations:  []sarifLocation{controlLoc},
				Descriptor: &sarifDescriptor{ID: id, Index: i},
				Properties: map[string]string{"target": r.Target},
			})
			continue
		}
		for _, f := range r.Findings {
			loc := controlLoc
			if f.Location != nil {
				loc = location(doc.Run.Directory, f.Location.File, f.Location.Line)
			}
			res := sarifResult{
				RuleID:              id,
				RuleIndex:           i,
				Level:               level(r.Control.Severity),
				Message:             sarifText{Text: findingText(f)},
				Locations:           []sarifLocation{loc},
				PartialFingerprints: map[string]string{"socleFinding/v1": fingerprint(r, f)},
				Properties:          map[string]string{"target": r.Target, "resource": f.Resource, "objective": r.Objective.Ref},
			}
			if f.Waived && f.Waiver != nil {
				res.Suppressions = []sarifSuppression{{
					Kind:          "external",
					Status:        "accepted",
					Justification: fmt.Sprintf("%s (waiver %s, approved by %s, %s, until %s)", f.Waiver.Reason, f.Waiver.Label, f.Waiver.ApprovedBy, f.Waiver.Ticket, f.Waiver.Expires),
				}}
			}
			run.Results = append(run.Results, res)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// ruleIDs gives each control its rule id: its ref when it has one that no other
// control of the run shares, else its label.
func ruleIDs(doc *result.Document) map[string]string {
	labelsByRef := map[string]map[string]bool{}
	for _, r := range doc.Results {
		if r.Control.Ref == "" {
			continue
		}
		if labelsByRef[r.Control.Ref] == nil {
			labelsByRef[r.Control.Ref] = map[string]bool{}
		}
		labelsByRef[r.Control.Ref][r.Control.Label] = true
	}
	ids := map[string]string{}
	for _, r := range doc.Results {
		id := r.Control.Label
		if r.Control.Ref != "" && len(labelsByRef[r.Control.Ref]) == 1 {
			id = r.Control.Ref
		}
		ids[r.Control.Label] = id
	}
	return ids
}

func rule(id string, r *result.Result) sarifRule {
	c, o := r.Control, r.Objective
	full := c.Description
	if full == "" {
		full = c.Title
	}
	objective := strings.TrimSpace(o.Ref + " " + o.Title)
	help := fmt.Sprintf("Control %s: %s\n\nObjective %s", c.Label, c.Title, objective)
	md := fmt.Sprintf("**Control %s** — %s\n\n**Objective %s**", c.Label, c.Title, objective)
	if o.Description != "" {
		help += ": " + o.Description
		md += ": " + o.Description
	}
	if c.Remediation != "" {
		help += "\n\nRemediation: " + c.Remediation
		md += "\n\n**Remediation:** " + c.Remediation
	}
	tags := []string{"soc1", "compliance"}
	if o.Ref != "" {
		tags = append(tags, o.Ref)
	}
	for _, p := range o.COSO {
		tags = append(tags, "COSO-"+strconv.Itoa(p))
	}
	sev := c.Severity
	if sev == "" {
		sev = result.DefaultSeverity
	}
	return sarifRule{
		ID:                   id,
		Name:                 c.Label,
		ShortDescription:     sarifText{Text: c.Title},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifText{Text: help, Markdown: md},
		DefaultConfiguration: sarifConfig{Level: level(sev)},
		Properties: map[string]any{
			"tags":              tags,
			"security-severity": SecuritySeverity[sev],
			"precision":         "very-high",
			"severity":          sev,
			"key":               c.Key,
			"frequency":         c.Frequency,
		},
	}
}

func level(severity string) string {
	switch severity {
	case "low":
		return "note"
	case "high", "critical":
		return "error"
	}
	return "warning"
}

func location(dir, file string, line int) sarifLocation {
	uri := file
	if dir != "" && dir != "." {
		uri = path.Join(dir, file)
	}
	return sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: uri},
		Region:           sarifRegion{StartLine: max(line, 1)},
	}}
}

// fingerprint identifies a finding across runs: the control, the target and the
// resource (or, for a finding about the whole target, its message). It ignores
// line numbers and message wording, so an unrelated edit does not reopen an
// alert and a fixed finding closes.
func fingerprint(r *result.Result, f result.Finding) string {
	subject := f.Resource
	if subject == "" {
		subject = "message:" + f.Message
	}
	sum := sha256.Sum256([]byte(r.Control.Label + "\x00" + r.Target + "\x00" + subject))
	return hex.EncodeToString(sum[:16])
}
