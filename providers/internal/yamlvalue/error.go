package yamlvalue

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/socle-dev/socle/providers"
)

// Error turns the error yaml.v3 returned parsing data, the contents of file,
// into a *providers.SourceError. yaml.v3 writes "yaml: line N: problem", and
// leaves the line out when the problem is on the first line or in the bytes
// themselves (invalid UTF-8, control characters), which are found here
// instead. yaml.v3 numbers the lines of its parser's problems from 0, and
// reports a block collection indented wrongly on the line where the
// collection starts: Error corrects both, so that the line is the problem's
// own (see problemLine for when it cannot tell).
func Error(file string, data []byte, err error) *providers.SourceError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &providers.SourceError{File: file, Line: 1, Summary: "Invalid YAML", Detail: msg}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Detail = m[2]
		if parserProblems[e.Detail] {
			e.Line++
			if blockProblems[e.Detail] {
				e.Line = problemLine(data, e.Line, e.Detail)
			}
		}
		return e
	}
	if offset, ok := badByte(data); ok {
		e.Line, e.Column = providers.LineColumn(data, offset)
		return e
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name = strings.TrimSuffix(name, "' referenced")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			e.Line, e.Column = providers.LineColumn(data, i)
		}
		e.Detail = "the alias *" + name + " refers to no anchor (&" + name + ") defined before it"
	}
	return e
}

var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// parserProblems are the problems yaml.v3's parser (as opposed to its
// scanner) reports. It numbers their lines from 0, scanner lines from 1.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// blockProblems are the parser problems of block collections (a line
// indented wrongly), which yaml.v3 reports on the line where the mapping or
// sequence holding the problem starts (when that is not the first line).
var blockProblems = map[string]bool{
	"did not find expected key":           true,
	"did not find expected '-' indicator": true,
}

// problemLine narrows a block problem yaml.v3 reported at line (where the
// collection holding it starts) down to the line of the problem itself.
// yaml.v3 reports the problem's own line when the collection starts on the
// first line of its input, so the input is parsed again from line until the
// line found no longer moves. The line reported is kept when the input does
// not number lines by "\n" alone, or when parsing again finds another problem.
func problemLine(data []byte, line int, detail string) int {
	if bytes.ContainsAny(data, "\u0085\u2028\u2029") || bytes.Count(data, []byte{'\r'}) != bytes.Count(data, []byte("\r\n")) {
		return line
	}
	for range 8 {
		start := lineOffset(data, line)
		if start < 0 {
			return line
		}
		err := firstYAMLError(data[start:])
		if err == nil {
			return line
		}
		m := yamlLine.FindStringSubmatch(strings.TrimPrefix(err.Error(), "yaml: "))
		if m == nil || m[2] != detail {
			return line
		}
		n, _ := strconv.Atoi(m[1])
		if n <= 0 {
			return line
		}
		line += n
	}
	return line
}

// lineOffset returns the offset of the start of the 1-based line in data,
// or -1 past the end.
func lineOffset(data []byte, line int) int {
	offset := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(data[offset:], '\n')
		if i < 0 {
			return -1
		}
		offset += i + 1
	}
	return offset
}

// firstYAMLError returns the first error of decoding the YAML stream data.
func firstYAMLError(data []byte) error {
	d := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := d.Decode(&n)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// badByte returns the offset of the first byte YAML does not accept: invalid
// UTF-8, or a control character other than tab, line feed and carriage return.
func badByte(data []byte) (int, bool) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return i, true
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F,
			r >= 0x80 && r < 0xA0 && r != 0x85, r == 0xFFFE, r == 0xFFFF:
			return i, true
		}
		i += size
	}
	return 0, false
}
