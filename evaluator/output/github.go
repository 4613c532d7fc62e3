package output

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/socle-dev/socle/evaluator/result"
)

// GitHub writes GitHub Actions workflow commands: an annotation per unwaived
// finding at the resource's definition (or the control's block), and one per
// control that did not operate.
type GitHub struct{}

// Format implements Formatter.
func (GitHub) Format(w io.Writer, doc *result.Document) error {
	bw := bufio.NewWriter(w)
	for _, r := range doc.Results {
		file, line := r.Control.File, r.Control.Line
		if r.Status == result.StatusError {
			msg := "the control did not operate"
			if r.Error != nil {
				msg = *r.Error
			}
			writeCommand(bw, "error", joinPath(doc.Run.Directory, file), line,
				fmt.Sprintf("%s did not operate on %s", controlName(r), r.Target), msg)
			continue
		}
		if r.Status == result.StatusNotTested {
			writeCommand(bw, "warning", joinPath(doc.Run.Directory, file), line,
				fmt.Sprintf("%s was not tested on %s", controlName(r), r.Target), r.Reason)
			continue
		}
		for _, f := range r.Findings {
			if f.Waived {
				continue
			}
			ffile, fline := file, line
			if f.Location != nil {
				ffile, fline = f.Location.File, f.Location.Line
			}
			writeCommand(bw, annotationLevel(r.Control.Severity), joinPath(doc.Run.Directory, ffile), fline,
				fmt.Sprintf("%s (%s)", controlName(r), r.Objective.Ref), findingText(f))
		}
	}
	return bw.Flush()
}

func annotationLevel(severity string) string {
	switch severity {
	case "low":
		return "notice"
	case "medium", "":
		return "warning"
	}
	return "error"
}

func controlName(r *result.Result) string {
	return strings.TrimSpace(r.Control.Ref + " " + r.Control.Title)
}

func joinPath(dir, file string) string {
	if dir == "" || dir == "." {
		return file
	}
	return path.Join(dir, file)
}

func writeCommand(w *bufio.Writer, level, file string, line int, title, message string) {
	fmt.Fprintf(w, "::%s file=%s,line=%d,title=%s::%s\n", level, escapeProperty(file), max(line, 1), escapeProperty(title), escapeData(message))
}

// escapeData escapes a workflow command's message as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: the message
// escapes plus ':' and ','.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
