package report_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/report"
	"github.com/xuri/excelize/v2"
)

// TestXLSX renders the quarter's workbook, reopens it with excelize and
// checks its sheets, headers, frozen panes, filters, widths, wrapping and
// cells; the text of every cell is compared with a golden dump, and two
// renderings are byte-identical.
func TestXLSX(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			r := buildReport(t, c.from, c.to)
			var buf, again bytes.Buffer
			if err := (report.XLSX{}).Render(&buf, r); err != nil {
				t.Fatal(err)
			}
			if err := (report.XLSX{}).Render(&again, r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two renderings of one report differ: the workbook is not deterministic")
			}
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want := []string{report.SheetSummary, report.SheetSection4, report.SheetDeviations, report.SheetWaivers, report.SheetSamples,
				report.SheetReperformance, report.SheetCoverage, report.SheetComplementary, report.SheetEvidence}
			if got := f.GetSheetList(); !slices.Equal(got, want) {
				t.Fatalf("sheets %q, want %q", got, want)
			}
			rows := func(sheet string) [][]string {
				t.Helper()
				rs, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				return rs
			}
			s4 := rows(report.SheetSection4)
			if s4[0][9] != "Control activity specified by Northwind" || s4[0][10] != "Test performed" || s4[0][11] != "Results of tests" {
				t.Errorf("Section 4 headings: %q", s4[0])
			}
			if len(s4) != 1+r.Summary.Controls {
				t.Errorf("Section 4 has %d rows, want a header and %d controls", len(s4), r.Summary.Controls)
			}
			for i, row := range s4[1:] {
				if row[2] == "1.1" && row[11] != r.Sections[0].Controls[0].Result {
					t.Errorf("Section 4 row %d result %q, want %q", i+2, row[11], r.Sections[0].Controls[0].Result)
				}
			}
			if n := len(rows(report.SheetDeviations)) - 1; n != len(r.Deviations) {
				t.Errorf("Deviations has %d rows, want %d", n, len(r.Deviations))
			}
			if n := len(rows(report.SheetEvidence)) - 1; n != len(r.Evidence) {
				t.Errorf("Evidence index has %d rows, want %d", n, len(r.Evidence))
			}
			ev := rows(report.SheetEvidence)
			if ev[1][0] != r.Evidence[0].ID || ev[1][7] != r.Evidence[0].SHA256 {
				t.Errorf("Evidence index first row %q, want %s %s", ev[1], r.Evidence[0].ID, r.Evidence[0].SHA256)
			}
			for _, sheet := range want[1:] {
				panes, err := f.GetPanes(sheet)
				if err != nil || !panes.Freeze || panes.YSplit != 1 {
					t.Errorf("%s: header row not frozen (%+v, %v)", sheet, panes, err)
				}
				if w, err := f.GetColWidth(sheet, "A"); err != nil || w < 8 || w == 9.140625 {
					t.Errorf("%s: column A width %v (%v): not set", sheet, w, err)
				}
				style, err := f.GetCellStyle(sheet, "A1")
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(style)
				if err != nil || st.Alignment == nil || !st.Alignment.WrapText || st.Font == nil || !st.Font.Bold {
					t.Errorf("%s: the header is not bold and wrapped", sheet)
				}
			}
			names := f.GetDefinedName()
			filters := 0
			for _, n := range names {
				if n.Name == "_xlnm._FilterDatabase" {
					filters++
				}
			}
			if filters != len(want) {
				t.Errorf("%d sheets have an autofilter, want %d", filters, len(want))
			}
			var dump strings.Builder
			for _, sheet := range want {
				fmt.Fprintf(&dump, "== %s\n", sheet)
				for _, row := range rows(sheet) {
					for i := range row {
						row[i] = strings.ReplaceAll(row[i], "\n", `\n`)
					}
					fmt.Fprintf(&dump, "%s\n", strings.Join(row, "\t"))
				}
			}
			compareGolden(t, filepath.Join("testdata", "golden", c.name+".xlsx.txt"), []byte(dump.String()))
		})
	}
}
