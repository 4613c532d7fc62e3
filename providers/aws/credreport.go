package aws

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/socle-dev/socle/providers"
)

// rootUser is the user column of the root user's row in a credential report.
const rootUser = "<root_account>"

// reportColumns are the columns every credential report has had since the
// format began; later ones (access_key_1_last_used_date, …) are kept when
// present but not required.
var reportColumns = []string{"user", "arn", "user_creation_time", "password_enabled", "mfa_active"}

// reportHowTo says how to write the file, for messages.
const reportHowTo = "aws iam generate-credential-report, then aws iam get-credential-report --query Content --output text | base64 --decode > credential-report.csv"

// parseCredentialReport parses the IAM credential report, as
// GetCredentialReport returns it once base64-decoded: a CSV file whose first
// row names the columns. Each row becomes an object keyed by column name,
// every cell a string as written ("true", "N/A", "no_information", …). A user
// is listed once.
func parseCredentialReport(file string, data []byte) ([]any, error) {
	data, err := providers.TrimBOM(file, data)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return nil, &providers.SourceError{File: file, Line: 1, Column: 1, Summary: "Invalid credential report",
			Detail: "the file is empty; a credential report starts with its header row (user,arn,user_creation_time,…); write it with " + reportHowTo}
	case trimmed[0] == '{':
		line, column := providers.LineColumn(data, bytes.IndexByte(data, '{'))
		return nil, &providers.SourceError{File: file, Line: line, Column: column, Summary: "Not an IAM credential report",
			Detail: "the file holds JSON, such as the output of aws iam get-credential-report; the report is its Content field, base64-decoded: " + reportHowTo}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // checked here, to say which row and by how much
	header, err := r.Read()
	if err != nil {
		return nil, csvError(file, data, err)
	}
	headerLine, _ := r.FieldPos(0)
	seen := make(map[string]int, len(header))
	for i, name := range header {
		if j, dup := seen[name]; dup {
			line, col := r.FieldPos(i)
			return nil, &providers.SourceError{File: file, Line: line, Column: runeColumn(data, line, col), Summary: "Invalid credential report",
				Detail: fmt.Sprintf("the header names the column %q twice (columns %d and %d); rows are objects keyed by column name", name, j+1, i+1)}
		}
		seen[name] = i
	}
	for _, name := range reportColumns {
		if _, ok := seen[name]; !ok {
			return nil, &providers.SourceError{File: file, Line: headerLine, Column: 1, Summary: "Not an IAM credential report",
				Detail: fmt.Sprintf("the header has no column %q; a credential report's header starts user,arn,user_creation_time,password_enabled,…; write it with %s", name, reportHowTo)}
		}
	}
	userColumn := seen["user"]
	rows := []any{}
	users := make(map[string]int)
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(file, data, err)
		}
		line, _ := r.FieldPos(0)
		if len(record) != len(header) {
			return nil, &providers.SourceError{File: file, Line: line, Column: 1, Summary: "Invalid credential report",
				Detail: fmt.Sprintf("this row has %d fields but the header (line %d) has %d; every row needs one field per column (is the file truncated?)", len(record), headerLine, len(header))}
		}
		user := record[userColumn]
		if first, dup := users[user]; dup {
			line, col := r.FieldPos(userColumn)
			return nil, &providers.SourceError{File: file, Line: line, Column: runeColumn(data, line, col), Summary: "Invalid credential report",
				Detail: fmt.Sprintf("the user %q has a second row (the first is on line %d); a credential report lists each user once", user, first)}
		}
		users[user] = line
		row := make(map[string]any, len(header))
		for i, name := range header {
			row[name] = record[i]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// csvError turns an encoding/csv error into a *providers.SourceError.
func csvError(file string, data []byte, err error) *providers.SourceError {
	e := &providers.SourceError{File: file, Summary: "Invalid credential report", Detail: err.Error()}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, runeColumn(data, pe.Line, pe.Column)
		e.Detail = "invalid CSV: " + pe.Err.Error()
	}
	return e
}

// runeColumn converts the 1-based byte column of encoding/csv on line into a
// character column, as an editor shows it.
func runeColumn(data []byte, line, byteCol int) int {
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[start:], '\n')
		if i < 0 {
			return byteCol
		}
		start += i + 1
	}
	end := min(start+byteCol-1, len(data))
	if end < start {
		return byteCol
	}
	return utf8.RuneCount(data[start:end]) + 1
}
