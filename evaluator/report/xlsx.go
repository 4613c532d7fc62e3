package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSX writes the report as a workbook for the auditors' workpapers: sheets
// Summary, Section 4 (one row per control), Deviations, Waivers, Samples,
// Reperformance, Coverage, Complementary controls and Evidence index. Each
// table has a bold frozen header row, an autofilter, set column widths and
// wrapped text; dates are ISO 8601 text, so no spreadsheet locale changes
// them.
type XLSX struct{}

// Sheet names, in workbook order.
const (
	SheetSummary       = "Summary"
	SheetSection4      = "Section 4"
	SheetDeviations    = "Deviations"
	SheetWaivers       = "Waivers"
	SheetSamples       = "Samples"
	SheetReperformance = "Reperformance"
	SheetCoverage      = "Coverage"
	SheetComplementary = "Complementary controls"
	SheetEvidence      = "Evidence index"
	// SheetFramework holds the report pivoted to another framework (after
	// Section 4, only with socle report --framework).
	SheetFramework = "Framework"
)

// column is one column of a sheet's table.
type column struct {
	heading string
	width   float64
}

type workbook struct {
	f              *excelize.File
	header, body   int // style ids
	number, wrapOn int
	err            error
}

// Render implements Renderer.
func (XLSX) Render(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{f: f}
	wb.styles()
	wb.summary(r)
	wb.section4(r)
	wb.framework(r)
	wb.deviations(r)
	wb.waivers(r)
	wb.samples(r)
	wb.reperformance(r)
	wb.coverage(r)
	wb.complementary(r)
	wb.evidence(r)
	if wb.err != nil {
		return wb.err
	}
	gen := r.Cover.GeneratedAt.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title(r), Creator: "socle " + r.Cover.SocleVersion, Created: gen, Modified: gen,
		Subject: fmt.Sprintf("%s %s to %s", r.Cover.Type, r.Cover.From, r.Cover.To)}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

func (wb *workbook) styles() {
	border := []excelize.Border{{Type: "bottom", Color: "C9D0D8", Style: 1}}
	wb.header, wb.err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Border: border})
	if wb.err == nil {
		wb.body, wb.err = wb.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	}
	if wb.err == nil {
		wb.number, wb.err = wb.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: 2})
	}
}

// table writes a sheet: the header row, the rows, widths, wrapping, a
// frozen header and an autofilter. The first sheet written renames the
// workbook's default sheet.
func (wb *workbook) table(name string, cols []column, rows [][]any) {
	if wb.err != nil {
		return
	}
	f := wb.f
	if f.SheetCount == 1 && f.GetSheetName(0) == "Sheet1" {
		wb.err = f.SetSheetName("Sheet1", name)
	} else {
		_, wb.err = f.NewSheet(name)
	}
	set := func(err error) {
		if wb.err == nil {
			wb.err = err
		}
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = c.heading
		colName, _ := excelize.ColumnNumberToName(i + 1)
		set(f.SetColWidth(name, colName, colName, c.width))
	}
	set(f.SetSheetRow(name, "A1", &head))
	last, _ := excelize.ColumnNumberToName(len(cols))
	set(f.SetCellStyle(name, "A1", last+"1", wb.header))
	for i, row := range rows {
		cell := "A" + strconv.Itoa(i+2)
		set(f.SetSheetRow(name, cell, &row))
	}
	if len(rows) > 0 {
		set(f.SetCellStyle(name, "A2", last+strconv.Itoa(len(rows)+1), wb.body))
		for i, row := range rows[0] {
			if _, ok := row.(float64); ok {
				colName, _ := excelize.ColumnNumberToName(i + 1)
				set(f.SetCellStyle(name, colName+"2", colName+strconv.Itoa(len(rows)+1), wb.number))
			}
		}
	}
	set(f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	set(f.AutoFilter(name, "A1:"+last+strconv.Itoa(max(len(rows), 1)+1), nil))
}

func (wb *workbook) summary(r *Report) {
	var rows [][]any
	for _, kv := range coverLines(r) {
		rows = append(rows, []any{kv[0], kv[1]})
	}
	for _, n := range r.Cover.Notes {
		rows = append(rows, []any{"Note", n})
	}
	for _, kv := range summaryLines(r.Summary) {
		n, _ := strconv.Atoi(kv[1])
		rows = append(rows, []any{kv[0], n})
	}
	wb.table(SheetSummary, []column{{title(r), 34}, {"", 110}}, rows)
}

func (wb *workbook) section4(r *Report) {
	h := r.Headings
	cols := []column{{h.Objective, 12}, {"Objective", 26}, {h.Ref, 8}, {"Control", 30}, {"Kind", 11}, {"Frequency", 11}, {"Key", 6},
		{"Owner", 22}, {"Targets", 22}, {h.Activity, 50}, {h.Test, 60}, {h.Result, 50},
		{"Occurrences expected", 12}, {"Covered", 10}, {"Failed", 9}, {"Did not operate", 10}, {"Records", 9}, {"Pass rate %", 10}}
	var rows [][]any
	for _, s := range r.Sections {
		for _, c := range s.Controls {
			var ts []string
			for _, t := range c.Targets {
				ts = append(ts, t.Target)
			}
			rows = append(rows, []any{s.Ref, s.Title, c.Ref, c.Title, c.Kind, c.Frequency, yesNo(c.Key), c.Owner, strings.Join(ts, "\n"),
				c.Activity, c.TestProcedure, c.Result, c.Expected, c.Covered, c.Failed, c.NotOperated, c.Records, round1(c.PassRate)})
		}
	}
	wb.table(SheetSection4, cols, rows)
}

func (wb *workbook) deviations(r *Report) {
	cols := []column{{"Objective", 10}, {"Control ref", 9}, {"Control", 28}, {"Target", 22}, {"Occurrence", 12}, {"From", 11}, {"To", 11},
		{"Kind", 10}, {"Description", 50}, {"Records", 44}, {"Findings", 60}, {"Errors", 50}}
	var rows [][]any
	for _, d := range r.Deviations {
		var ids, findings, errs []string
		for _, rec := range d.Records {
			ids = append(ids, rec.ID+" ("+string(rec.Status)+", sha256 "+rec.SHA256+")")
			for _, f := range rec.Findings {
				res := f.Resource
				if res == "" {
					res = "(the target as a whole)"
				}
				findings = append(findings, res+": "+strings.Join(f.Messages, "; "))
			}
			if rec.Error != "" {
				errs = append(errs, rec.Error)
			}
		}
		rows = append(rows, []any{d.Section, d.ControlRef, d.Control, d.Target, d.Occurrence, d.From, d.To, d.Kind, d.Description,
			strings.Join(ids, "\n"), strings.Join(findings, "\n"), strings.Join(errs, "\n")})
	}
	wb.table(SheetDeviations, cols, rows)
}

func (wb *workbook) waivers(r *Report) {
	cols := []column{{"Waiver", 22}, {"Control ref", 9}, {"Control", 22}, {"Resources", 30}, {"Reason", 50}, {"Approved by", 16}, {"Ticket", 12},
		{"Expires", 12}, {"Applied (records)", 10}, {"First applied", 12}, {"Last applied", 12}, {"Status", 40}}
	var rows [][]any
	for _, w := range r.Waivers {
		rows = append(rows, []any{w.Label, w.ControlRef, w.Control, resources(w.Resources), w.Reason, w.ApprovedBy, w.Ticket, w.Expires, w.Applied, w.First, w.Last, w.Status})
	}
	wb.table(SheetWaivers, cols, rows)
}

func (wb *workbook) samples(r *Report) {
	cols := []column{{"Sample", 38}, {"Control ref", 9}, {"Control", 20}, {"Target", 20}, {"From", 11}, {"To", 11}, {"Frequency", 11},
		{"Seed", 22}, {"Size", 7}, {"Population", 10}, {"Selected occurrences", 40}, {"Selected records", 60}, {"Algorithm", 20}, {"Recorded", 21}}
	var rows [][]any
	for _, s := range r.Samples {
		var recs []string
		for _, it := range s.Selection {
			recs = append(recs, it.Key+": "+strings.Join(it.Records, ", "))
		}
		rows = append(rows, []any{s.ID, s.Ref, s.Control, s.Target, s.From, s.To, s.Frequency, strconv.FormatUint(s.Seed, 10), s.Size,
			s.PopulationSize, selection(s), strings.Join(recs, "\n"), s.Algorithm, s.CreatedAt.UTC().Format(time.RFC3339)})
	}
	wb.table(SheetSamples, cols, rows)
}

func (wb *workbook) reperformance(r *Report) {
	cols := []column{{"Record", 44}, {"Control ref", 9}, {"Control", 20}, {"Target", 22}, {"Occurrence", 12}, {"Why", 46}, {"Outcome", 14}, {"Detail", 60}}
	var rows [][]any
	for _, rp := range r.Reperformance {
		rows = append(rows, []any{rp.RecordID, rp.ControlRef, rp.Control, rp.Target, rp.Occurrence, rp.Reason, rp.Outcome, rp.Detail})
	}
	wb.table(SheetReperformance, cols, rows)
}

func (wb *workbook) coverage(r *Report) {
	cv := r.Coverage
	cols := []column{{"What", 24}, {"Ref", 12}, {"Name", 50}, {"Detail", 50}, {"Covered", 9}}
	var rows [][]any
	for _, o := range cv.Objectives {
		rows = append(rows, []any{"Objective", o.Ref, o.Title, fmt.Sprintf("%d controls, %d with evidence", o.Controls, o.WithEvidence), yesNo(o.Covered)})
	}
	for _, c := range cv.COSO {
		rows = append(rows, []any{"COSO principle", strconv.Itoa(c.Principle), c.Name, "objectives: " + orNone(strings.Join(c.Objectives, ", ")), yesNo(c.Covered)})
	}
	for _, c := range cv.ControlsWithoutEvidence {
		rows = append(rows, []any{"Control without evidence", c.Ref, c.Title, c.Label, "no"})
	}
	for _, pc := range cv.PolicyChanges {
		var vs []string
		for _, v := range pc.Versions {
			vs = append(vs, v.SHA256+" "+span(v.First, v.Last))
		}
		rows = append(rows, []any{"Policy change", pc.ControlRef, pc.Control + " on " + pc.Target + " (" + pc.Policy + ")", strings.Join(vs, "\n"), ""})
	}
	wb.table(SheetCoverage, cols, rows)
}

func (wb *workbook) complementary(r *Report) {
	cols := []column{{"Kind", 10}, {"Ref", 10}, {"Organization", 24}, {"Description", 70}, {"Objectives", 14}, {"Method", 11}, {"Monitored by", 14}}
	var rows [][]any
	for _, u := range r.CUECs {
		rows = append(rows, []any{"CUEC", u.Ref, "user entities", u.Description, strings.Join(u.Objectives, ", "), "", ""})
	}
	for _, sv := range r.Subservices {
		for _, c := range sv.CSOCs {
			rows = append(rows, []any{"CSOC", c.Ref, sv.Name, c.Description, strings.Join(c.Objectives, ", "), sv.Method, strings.Join(sv.MonitoredBy, ", ")})
		}
	}
	wb.table(SheetComplementary, cols, rows)
}

func (wb *workbook) evidence(r *Report) {
	cols := []column{{"Record", 44}, {"As of", 21}, {"Objective", 10}, {"Control ref", 9}, {"Control", 20}, {"Target", 22}, {"Status", 10}, {"SHA-256", 68}, {"Policy SHA-256", 68}}
	var rows [][]any
	for _, e := range r.Evidence {
		rows = append(rows, []any{e.ID, e.AsOf.UTC().Format(time.RFC3339), e.ObjectiveRef, e.ControlRef, e.Control, e.Target, string(e.Status), e.SHA256, e.PolicySHA256})
	}
	wb.table(SheetEvidence, cols, rows)
}

func round1(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 1, 64), 64)
	return v
}

// framework writes the report pivoted to another framework: one row per
// criterion and control, a gap row per uncovered criterion.
func (wb *workbook) framework(r *Report) {
	f := r.Framework
	if f == nil {
		return
	}
	rows := [][]any{}
	for _, c := range f.Criteria {
		if c.Gap {
			rows = append(rows, []any{c.ID, c.Title, "gap", "", "", "", c.Result})
			continue
		}
		for _, fr := range c.Controls {
			rows = append(rows, []any{c.ID, c.Title, yesNo(!c.Exceptions), fr.Ref, fr.Title, fr.Via, fr.Result})
		}
	}
	wb.table(SheetFramework, []column{{f.Name + " criterion", 12}, {"Title", 40}, {"No exceptions", 12}, {"Control", 10}, {"Control title", 40}, {"Mapped through", 12}, {"Result", 50}}, rows)
}
