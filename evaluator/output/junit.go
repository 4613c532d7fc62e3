package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/socle-dev/socle/evaluator/result"
)

// JUnit writes JUnit XML as Ant's JUnitReport does (what CI test reporters
// read): one testsuite per objective, one testcase per control and target.
// Failures carry the unwaived deviations, errors the reason the control did not
// operate; not_tested results are skipped.
type JUnit struct{}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Package    string          `xml:"package,attr"`
	ID         int             `xml:"id,attr"`
	Name       string          `xml:"name,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  string          `xml:"system-out"`
	SystemErr  string          `xml:"system-err"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Skipped   *junitMessage `xml:"skipped"`
	Error     *junitMessage `xml:"error"`
	Failure   *junitMessage `xml:"failure"`
}

type junitMessage struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// Format implements Formatter.
func (JUnit) Format(w io.Writer, doc *result.Document) error {
	out := junitSuites{Suites: []junitSuite{}}
	var cur *junitSuite
	var ms int64
	flush := func() {
		if cur != nil {
			cur.Time = seconds(ms)
			out.Suites = append(out.Suites, *cur)
		}
	}
	last := "\x00"
	for _, r := range doc.Results {
		if r.Objective.Label != last {
			flush()
			last = r.Objective.Label
			name := strings.TrimSpace(r.Objective.Ref + " " + r.Objective.Title)
			if name == "" {
				name = r.Objective.Label
			}
			cur = &junitSuite{
				Package:   "socle",
				ID:        len(out.Suites),
				Name:      name,
				Timestamp: doc.Run.StartedAt.UTC().Format("2006-01-02T15:04:05"),
				Hostname:  "localhost",
				Properties: []junitProperty{
					{Name: "objective", Value: r.Objective.Label},
					{Name: "coso", Value: joinInts(r.Objective.COSO)},
					{Name: "run_id", Value: doc.Run.ID},
					{Name: "as_of", Value: doc.Run.AsOf.UTC().Format("2006-01-02T15:04:05Z")},
				},
			}
			ms = 0
		}
		ms += r.DurationMS
		tc := junitCase{
			Name:      strings.TrimSpace(r.Control.Ref+" "+r.Control.Label) + " [" + r.Target + "]",
			Classname: "socle." + r.Objective.Label + "." + r.Control.Label,
			Time:      seconds(r.DurationMS),
		}
		cur.Tests++
		switch r.Status {
		case result.StatusFail:
			cur.Failures++
			var lines []string
			failed := 0
			for _, f := range r.Findings {
				if f.Waived {
					lines = append(lines, "waived: "+findingText(f)+waiverText(f.Waiver))
					continue
				}
				failed++
				lines = append(lines, findingText(f))
			}
			tc.Failure = &junitMessage{
				Message: fmt.Sprintf("%s: %d of %d resources failed", r.Control.Title, failed, *r.Population),
				Type:    "fail",
				Text:    strings.Join(lines, "\n"),
			}
		case result.StatusError:
			cur.Errors++
			msg := "the control did not operate"
			if r.Error != nil {
				msg = *r.Error
			}
			tc.Error = &junitMessage{Message: msg, Type: "error", Text: msg}
		case result.StatusNotTested:
			cur.Skipped++
			msg := "not tested: the policy examined nothing"
			if r.Reason != "" {
				msg = "not tested: " + r.Reason
			}
			tc.Skipped = &junitMessage{Message: msg}
		}
		cur.Cases = append(cur.Cases, tc)
	}
	flush()
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func seconds(ms int64) string { return fmt.Sprintf("%.3f", float64(ms)/1000) }

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ",")
}
