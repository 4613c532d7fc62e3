package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Colours of the occurrence states (HTML heat strip and legend).
var stateColours = map[string]string{
	StateOK:      "#2f9e61",
	StateFailed:  "#d2453d",
	StateErrored: "#e39b26",
	StateMissing: "#9aa3ad",
}

// stateWords are what the legend and tooltips say of each state.
var stateWords = map[string]string{
	StateOK:      "operated, no exception",
	StateFailed:  "failed",
	StateErrored: "did not operate (errored)",
	StateMissing: "did not operate (no record)",
}

const (
	svgWidth  = 720.0
	stripH    = 16.0
	lineH     = 44.0
	chartGap  = 6.0
	axisH     = 14.0
	svgHeight = stripH + chartGap + lineH + axisH
)

// chart draws a row's period as inline SVG: a heat strip with one cell per
// day, coloured by the state of the occurrence that holds the day, and
// under it the population's pass rate per day as a line (gaps where no
// record was made). Self-contained: no script, no external reference.
func chart(r Row) template.HTML {
	n := len(r.Days)
	if n == 0 {
		return ""
	}
	var b strings.Builder
	cell := svgWidth / float64(n)
	fmt.Fprintf(&b, `<svg class="chart" role="img" viewBox="0 0 %g %g" width="%g" height="%g" xmlns="http://www.w3.org/2000/svg">`, svgWidth, svgHeight, svgWidth, svgHeight)
	fmt.Fprintf(&b, `<title>%s %s: %.1f%% of %d occurrences without exception</title>`, html.EscapeString(r.Ref), html.EscapeString(r.Title), r.PassRate, r.Expected)
	// The strip: runs of equal state drawn as one rectangle, each day with
	// its own tooltip.
	for i := 0; i < n; {
		j := i
		for j < n && r.Days[j].State == r.Days[i].State {
			j++
		}
		fmt.Fprintf(&b, `<rect class="s-%s" x="%.2f" y="0" width="%.2f" height="%g" fill="%s"/>`, r.Days[i].State, float64(i)*cell, float64(j-i)*cell, stripH, stateColours[r.Days[i].State])
		i = j
	}
	for i, d := range r.Days {
		if d.State != StateOK {
			fmt.Fprintf(&b, `<rect x="%.2f" y="0" width="%.2f" height="%g" fill="transparent"><title>%s: %s</title></rect>`, float64(i)*cell, cell, stripH, d.Date, stateWords[d.State])
		}
	}
	// The pass-rate line.
	top := stripH + chartGap
	fmt.Fprintf(&b, `<rect x="0" y="%g" width="%g" height="%g" fill="#f4f6f8"/>`, top, svgWidth, lineH)
	fmt.Fprintf(&b, `<line x1="0" y1="%g" x2="%g" y2="%g" stroke="#d5dbe1" stroke-dasharray="3 3"/>`, top+lineH/2, svgWidth, top+lineH/2)
	var seg []string
	flush := func() {
		switch len(seg) {
		case 0:
		case 1:
			xy := strings.Split(seg[0], ",")
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="1.8" fill="#1f5f99"/>`, xy[0], xy[1])
		default:
			fmt.Fprintf(&b, `<polyline fill="none" stroke="#1f5f99" stroke-width="1.6" points="%s"/>`, strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, d := range r.Days {
		if d.PassRate == nil {
			flush()
			continue
		}
		x := (float64(i) + 0.5) * cell
		y := top + lineH - (*d.PassRate/100)*(lineH-4) - 2
		seg = append(seg, fmt.Sprintf("%.2f,%.2f", x, y))
	}
	flush()
	ty := top + lineH + axisH - 3
	fmt.Fprintf(&b, `<text x="0" y="%g" class="axis">%s</text>`, ty, r.Days[0].Date)
	fmt.Fprintf(&b, `<text x="%g" y="%g" class="axis" text-anchor="middle">population pass rate per day (0–100%%)</text>`, svgWidth/2, ty)
	fmt.Fprintf(&b, `<text x="%g" y="%g" class="axis" text-anchor="end">%s</text>`, svgWidth, ty, r.Days[n-1].Date)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
