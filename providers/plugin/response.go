package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/socle-dev/socle/providers"
)

// Protocol is the version of the plug-in protocol this package speaks.
const Protocol = 1

// ErrProtocolVersion is the cause of the *Error about a plug-in that answers
// in another version of the protocol.
var ErrProtocolVersion = errors.New("unsupported plug-in protocol version")

// response checks what a plug-in wrote to its standard output: one JSON
// object, of this protocol's version. It returns the object.
func response(out []byte) (value, error) {
	if len(bytes.TrimSpace(out)) == 0 {
		return value{}, &Error{Summary: "No response", Detail: "the plug-in wrote nothing to its standard output; it must answer each request with one JSON object"}
	}
	if err := providers.CheckJSON("", out); err != nil {
		var se *providers.SourceError
		if errors.As(err, &se) {
			detail := fmt.Sprintf("line %d, column %d of its standard output: %s", se.Line, se.Column, se.Detail)
			// Something before or after the JSON value: logs, most likely.
			var raw json.RawMessage
			if t := bytes.TrimLeft(out, " \t\r\n"); t[0] != '{' || json.NewDecoder(bytes.NewReader(t)).Decode(&raw) == nil {
				detail += "; the standard output must hold one JSON object and nothing else (write logs to standard error)"
			}
			return value{}, &Error{Summary: "Invalid JSON response", Detail: detail}
		}
		return value{}, &Error{Summary: "Invalid JSON response", Detail: err.Error()}
	}
	top := value{raw: out}
	if k := top.kind(); k != "an object" {
		return value{}, invalid(out, top.errorf("must be an object, not %s", k))
	}
	ms, ferr := top.object()
	if ferr != nil {
		return value{}, invalid(out, ferr)
	}
	var proto *member
	var said string // the plug-in's error summary, if any
	for i := range ms {
		switch ms[i].name {
		case "protocol":
			proto = &ms[i]
		case "error":
			var e struct{ Summary string }
			if json.Unmarshal(ms[i].raw, &e) == nil {
				said = printable(e.Summary)
			}
		}
	}
	if proto == nil {
		return value{}, invalid(out, top.errorf(`has no "protocol" member; write "protocol": %d`, Protocol))
	}
	pv := value{raw: proto.raw, offset: proto.offset, path: "protocol"}
	n, ferr := pv.count()
	if ferr != nil {
		return value{}, invalid(out, ferr)
	}
	if n != Protocol {
		detail := fmt.Sprintf("the plug-in speaks version %d of the plug-in protocol; this socle speaks version %d. Install a version of the plug-in made for protocol %d, or a socle that speaks version %d", n, Protocol, Protocol, n)
		if said != "" {
			detail += fmt.Sprintf(" (the plug-in said: %s)", said)
		}
		return value{}, &Error{Summary: "Unsupported protocol version", Detail: detail, Err: ErrProtocolVersion}
	}
	return top, nil
}

// invalid turns a problem with a well-formed response into an *Error naming
// its line and column in the plug-in's standard output.
func invalid(out []byte, f *fieldError) error {
	line, col := providers.LineColumn(out, f.offset)
	subject := f.path
	if subject == "" {
		subject = "the response"
	}
	return &Error{Summary: "Invalid response", Detail: fmt.Sprintf("line %d, column %d of its standard output: %s %s (see the plug-in protocol)", line, col, subject, f.msg)}
}

// reservedParams are the Params socle sets itself.
var reservedParams = []string{"plugin", "plugin_version"}

// decodeResult reads a plug-in's answer to a load or collect request: a
// document, or the error the plug-in reports (reported). A reported error
// that names a file is a *providers.SourceError; one that does not is an
// *Error. err is a response socle cannot read.
func decodeResult(out []byte) (doc *providers.Document, reported, err error) {
	top, err := response(out)
	if err != nil {
		return nil, nil, err
	}
	m, ferr := top.members("protocol", "document", "items", "sources", "params", "warnings", "locations", "collected_at", "error")
	if ferr != nil {
		return nil, nil, invalid(out, ferr)
	}
	if e, ok := m["error"]; ok {
		reported, ferr := errorResponse(e, m, "document", "items", "sources", "params", "warnings", "locations", "collected_at")
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		return nil, reported, nil
	}
	doc = &providers.Document{}
	d, ok := m["document"]
	if !ok || d.isNull() {
		return nil, nil, invalid(out, top.errorf(`has neither a "document" nor an "error" member`))
	}
	dec := json.NewDecoder(bytes.NewReader(d.raw))
	dec.UseNumber()
	if err := dec.Decode(&doc.Value); err != nil {
		return nil, nil, invalid(out, d.errorf("%v", err))
	}
	items, ok := m["items"]
	if !ok {
		return nil, nil, invalid(out, top.errorf(`has no "items" member; write the number of items the document holds (rows, resources, hosts)`))
	}
	if doc.Items, ferr = items.count(); ferr != nil {
		return nil, nil, invalid(out, ferr)
	}
	if v, ok := m["sources"]; ok {
		elems, ferr := v.elements()
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		for _, e := range elems {
			p, ferr := repoPath(e)
			if ferr != nil {
				return nil, nil, invalid(out, ferr)
			}
			doc.Sources = append(doc.Sources, p)
		}
		slices.Sort(doc.Sources)
		doc.Sources = slices.Compact(doc.Sources)
	}
	if v, ok := m["params"]; ok {
		names, vals, ferr := v.entries()
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		doc.Params = make(map[string]string, len(names))
		for i, name := range names {
			if slices.Contains(reservedParams, name) {
				return nil, nil, invalid(out, vals[i].errorf("is a parameter socle sets itself (plugin, plugin_version); use another name"))
			}
			if doc.Params[name], ferr = vals[i].str(); ferr != nil {
				return nil, nil, invalid(out, ferr)
			}
		}
	}
	if v, ok := m["warnings"]; ok {
		elems, ferr := v.elements()
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		for _, e := range elems {
			w, ferr := decodeProblem(e)
			if ferr != nil {
				return nil, nil, invalid(out, ferr)
			}
			doc.Warnings = append(doc.Warnings, w)
		}
	}
	if v, ok := m["locations"]; ok {
		names, vals, ferr := v.entries()
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		doc.Locations = make(map[string]providers.Location, len(names))
		for i, name := range names {
			loc, ferr := decodeLocation(vals[i])
			if ferr != nil {
				return nil, nil, invalid(out, ferr)
			}
			doc.Locations[name] = loc
		}
	}
	if v, ok := m["collected_at"]; ok {
		s, ferr := v.str()
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, nil, invalid(out, v.errorf("%q is not an RFC 3339 time such as \"2025-11-03T06:00:00Z\"", s))
		}
		doc.CollectedAt = t.UTC()
	}
	return doc, nil, nil
}

// errorResponse reads the error of an error response, which must hold none
// of the members others.
func errorResponse(e value, m map[string]value, others ...string) (error, *fieldError) {
	for _, name := range others {
		if v, ok := m[name]; ok {
			return nil, v.errorf(`is not expected in an error response, which holds only "protocol" and "error"`)
		}
	}
	se, ferr := decodeProblem(e)
	if ferr != nil {
		return nil, ferr
	}
	if se.File == "" {
		return &Error{Summary: se.Summary, Detail: se.Detail}, nil
	}
	return se, nil
}

// decodeProblem reads a warning or an error: {"summary", "detail", "file",
// "line", "column"}.
func decodeProblem(v value) (*providers.SourceError, *fieldError) {
	m, ferr := v.members("summary", "detail", "file", "line", "column")
	if ferr != nil {
		return nil, ferr
	}
	se := &providers.SourceError{}
	s, ok := m["summary"]
	if !ok {
		return nil, v.errorf(`has no "summary" member; write a short sentence such as "Invalid inventory"`)
	}
	if se.Summary, ferr = s.str(); ferr != nil {
		return nil, ferr
	}
	se.Summary = printable(se.Summary)
	if se.Summary == "" {
		return nil, s.errorf("is empty; write a short sentence such as \"Invalid inventory\"")
	}
	if d, ok := m["detail"]; ok {
		if se.Detail, ferr = d.str(); ferr != nil {
			return nil, ferr
		}
		se.Detail = printable(se.Detail)
	}
	f, hasFile := m["file"]
	if hasFile {
		if se.File, ferr = repoPath(f); ferr != nil {
			return nil, ferr
		}
	}
	if l, ok := m["line"]; ok {
		if !hasFile {
			return nil, l.errorf(`needs a "file": a line is in a file`)
		}
		if se.Line, ferr = l.count(); ferr != nil {
			return nil, ferr
		}
	}
	if c, ok := m["column"]; ok {
		if se.Line == 0 {
			return nil, c.errorf(`needs a "line" of 1 or more: a column is on a line`)
		}
		if se.Column, ferr = c.count(); ferr != nil {
			return nil, ferr
		}
	}
	return se, nil
}

func decodeLocation(v value) (providers.Location, *fieldError) {
	m, ferr := v.members("file", "line")
	if ferr != nil {
		return providers.Location{}, ferr
	}
	var loc providers.Location
	f, ok := m["file"]
	if !ok {
		return loc, v.errorf(`has no "file" member`)
	}
	if loc.File, ferr = repoPath(f); ferr != nil {
		return loc, ferr
	}
	l, ok := m["line"]
	if !ok {
		return loc, v.errorf(`has no "line" member`)
	}
	if loc.Line, ferr = l.count(); ferr != nil {
		return loc, ferr
	}
	if loc.Line == 0 {
		return loc, l.errorf("must be 1 or more: lines count from 1")
	}
	return loc, nil
}

// repoPath reads a path of a file in the policy repository.
func repoPath(v value) (string, *fieldError) {
	s, ferr := v.str()
	if ferr != nil {
		return "", ferr
	}
	p, err := providers.CleanPath(s)
	if err != nil {
		return "", v.errorf("must be a path relative to the policy repository: %v", err)
	}
	return p, nil
}
