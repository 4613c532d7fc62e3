// Command socle-provider-inventory is the provider plug-in the tests of
// package plugin build and run, and an example of a plug-in written against
// PROTOCOL.md with Go's standard library only.
//
// It reads an asset inventory, as a CMDB exports it:
//
//	{
//	  "exported_at": "2025-11-03T06:00:00Z",
//	  "assets": [ { "id": "srv-001", "hostname": "…", "environment": "prod", "owner": "…", … }, … ]
//	}
//
// load reads that file (the path attribute, relative to the policy
// repository); collect makes up the inventory a CMDB's API would answer.
// Both answer the document
//
//	{
//	  "exported_at": "…",
//	  "assets":      [ <asset>, … ],
//	  "by_id":       { "<id>": <asset>, … },
//	  "labels":      { … }
//	}
//
// An asset without an id is an error naming its line; one without an owner a
// warning; fewer assets than min_items an error.
//
// For the tests, SOCLE_TEST_PLUGIN="METHOD:BEHAVIOUR" (METHOD is schema, load,
// collect or *) makes it misbehave: crash, hang, garbage, truncated,
// protocol2, protocol2-exit, flood, echo, fail-exit, document-exit, child,
// chatty, typo, bad-type, silent, killed, load-only, collect-only (see
// misbehave).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// request is what socle writes to the plug-in's standard input.
type request struct {
	Protocol   int             `json:"protocol"`
	Method     string          `json:"method"`
	Config     json.RawMessage `json:"config"`
	Repository string          `json:"repository"`
}

// config is the provider block, as socle decoded it with the schema.
type config struct {
	Path         string            `json:"path"`
	MinItems     *float64          `json:"min_items"`
	Environments []string          `json:"environments"`
	Labels       map[string]string `json:"labels"`
}

// problem is a warning or an error, as the protocol writes them.
type problem struct {
	Summary string `json:"summary"`
	Detail  string `json:"detail,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

type location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// result is the answer to load and collect.
type result struct {
	Protocol    int                 `json:"protocol"`
	Document    any                 `json:"document"`
	Items       int                 `json:"items"`
	Sources     []string            `json:"sources,omitempty"`
	Params      map[string]string   `json:"params,omitempty"`
	Warnings    []problem           `json:"warnings,omitempty"`
	Locations   map[string]location `json:"locations,omitempty"`
	CollectedAt string              `json:"collected_at,omitempty"`
}

type failure struct {
	Protocol int     `json:"protocol"`
	Error    problem `json:"error"`
}

var schema = map[string]any{
	"protocol":    1,
	"version":     "0.3.0",
	"description": "Asset inventory exported from the CMDB.",
	"attributes": map[string]any{
		"path": map[string]any{
			"type": "string", "required": true,
			"description": "The inventory export (JSON), relative to the policy repository.",
		},
		"min_items": map[string]any{
			"type":        "number",
			"description": "The fewest assets the inventory may hold; fewer is an error.",
		},
		"environments": map[string]any{
			"type":        "list(string)",
			"description": "Keep only the assets of these environments.",
		},
		"labels": map[string]any{
			"type":        "map(string)",
			"description": "Labels copied into the document.",
		},
	},
	"modes": []string{"load", "collect"},
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	var req request
	if err := json.NewDecoder(stdin).Decode(&req); err != nil {
		fmt.Fprintf(stderr, "inventory: reading the request: %v\n", err)
		return 1
	}
	if req.Protocol != 1 {
		return answer(stdout, failure{1, problem{Summary: "Unsupported protocol version",
			Detail: fmt.Sprintf("socle-provider-inventory speaks version 1 of the protocol, not %d", req.Protocol)}})
	}
	if code, done := misbehave(req, stdin, stdout, stderr); done {
		return code
	}
	switch req.Method {
	case "schema":
		return answer(stdout, schema)
	case "load", "collect":
		var c config
		if err := json.Unmarshal(req.Config, &c); err != nil {
			return answer(stdout, failure{1, problem{Summary: "Invalid configuration", Detail: err.Error()}})
		}
		var res *result
		var p *problem
		if req.Method == "load" {
			res, p = load(req.Repository, c)
		} else {
			res, p = collect(c)
		}
		if p != nil {
			return answer(stdout, failure{1, *p})
		}
		return answer(stdout, res)
	}
	return answer(stdout, failure{1, problem{Summary: "Unknown method", Detail: fmt.Sprintf("%q is not schema, load or collect", req.Method)}})
}

func answer(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return 1
	}
	return 0
}

// load reads the inventory export at c.Path.
func load(repo string, c config) (*result, *problem) {
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(c.Path)))
	if c.Path == "" || filepath.IsAbs(c.Path) || clean == ".." || strings.HasPrefix(clean, "../") {
		return nil, &problem{Summary: "Invalid path", Detail: fmt.Sprintf("%q is not a path inside the policy repository", c.Path)}
	}
	data, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(clean)))
	if err != nil {
		return nil, &problem{Summary: "Inventory not found", Detail: fmt.Sprintf("reading %s: %v; export the inventory from the CMDB first", clean, errors.Unwrap(err))}
	}
	exportedAt, assets, p := parse(clean, data)
	if p != nil {
		return nil, p
	}
	res := &result{
		Protocol:  1,
		Sources:   []string{clean},
		Params:    map[string]string{"path": clean},
		Locations: map[string]location{},
	}
	var kept []map[string]any
	for _, a := range assets {
		id, ok := a.value["id"].(string)
		if !ok || id == "" {
			return nil, &problem{Summary: "Invalid inventory", Detail: "this asset has no id; every asset needs a string id", File: clean, Line: a.line, Column: a.column}
		}
		if !keep(c, a.value) {
			continue
		}
		if owner, _ := a.value["owner"].(string); owner == "" {
			res.Warnings = append(res.Warnings, problem{Summary: "Asset without owner",
				Detail: fmt.Sprintf("the asset %s has no owner; assign one in the CMDB", id), File: clean, Line: a.line, Column: a.column})
		}
		res.Locations[id] = location{File: clean, Line: a.line}
		kept = append(kept, a.value)
	}
	if exportedAt != "" {
		res.CollectedAt = exportedAt
	}
	if len(c.Environments) > 0 {
		res.Params["environments"] = strings.Join(c.Environments, ",")
	}
	if p := finish(res, c, kept, exportedAt); p != nil {
		p.File = clean
		return nil, p
	}
	return res, nil
}

// collect makes up what the CMDB's API would answer.
func collect(c config) (*result, *problem) {
	n := 3
	if c.MinItems != nil && *c.MinItems > float64(n) && *c.MinItems < 1e6 {
		n = int(math.Ceil(*c.MinItems))
	}
	envs := []string{"prod", "staging"}
	var kept []map[string]any
	for i := 1; i <= n; i++ {
		a := map[string]any{
			"id":             fmt.Sprintf("srv-%03d", i),
			"hostname":       fmt.Sprintf("app-%02d.example.internal", i),
			"environment":    envs[i%2],
			"owner":          "platform-team",
			"disk_encrypted": i%3 != 0,
			"cpu":            json.Number(strconv.Itoa(2 << (i % 3))),
		}
		if keep(c, a) {
			kept = append(kept, a)
		}
	}
	res := &result{
		Protocol:    1,
		Params:      map[string]string{"endpoint": "https://cmdb.example.test/api/v2/assets"},
		CollectedAt: "2025-11-03T06:00:00Z",
	}
	return res, finish(res, c, kept, res.CollectedAt)
}

func keep(c config, asset map[string]any) bool {
	if len(c.Environments) == 0 {
		return true
	}
	env, _ := asset["environment"].(string)
	for _, e := range c.Environments {
		if e == env {
			return true
		}
	}
	return false
}

// finish builds the document from the assets kept.
func finish(res *result, c config, kept []map[string]any, exportedAt string) *problem {
	if c.MinItems != nil && float64(len(kept)) < *c.MinItems {
		return &problem{Summary: "Too few assets",
			Detail: fmt.Sprintf("the inventory holds %d assets, fewer than min_items (%v); is the export complete?", len(kept), *c.MinItems)}
	}
	list := make([]any, len(kept))
	byID := map[string]any{}
	for i, a := range kept {
		list[i] = a
		byID[a["id"].(string)] = a
	}
	labels := map[string]any{}
	for k, v := range c.Labels {
		labels[k] = v
	}
	res.Document = map[string]any{"exported_at": exportedAt, "assets": list, "by_id": byID, "labels": labels}
	res.Items = len(kept)
	return nil
}

// asset is one element of the export's assets, with where it starts.
type asset struct {
	value        map[string]any
	line, column int
}

// parse reads an inventory export, keeping the position of each asset.
func parse(file string, data []byte) (exportedAt string, assets []asset, p *problem) {
	bad := func(offset int64, detail string) (string, []asset, *problem) {
		line, col := position(data, int(offset))
		return "", nil, &problem{Summary: "Invalid inventory", Detail: detail, File: file, Line: line, Column: col}
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return bad(syn.Offset-1, "invalid JSON: "+syn.Error())
		}
		return bad(int64(len(bytes.TrimRight(data, " \t\r\n"))), "invalid JSON: the file is empty or truncated")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return bad(0, "the export must be a JSON object with an assets array")
	}
	for dec.More() {
		key, _ := dec.Token()
		switch key {
		case "exported_at":
			if err := dec.Decode(&exportedAt); err != nil {
				return bad(dec.InputOffset(), "exported_at must be a time such as 2025-11-03T06:00:00Z")
			}
		case "assets":
			if tok, _ := dec.Token(); tok != json.Delim('[') {
				return bad(dec.InputOffset()-1, "assets must be an array")
			}
			for dec.More() {
				start := int(dec.InputOffset())
				for start < len(data) && bytes.IndexByte([]byte(" \t\r\n,"), data[start]) >= 0 {
					start++
				}
				var a map[string]any
				if err := dec.Decode(&a); err != nil || a == nil {
					return bad(int64(start), "each asset must be an object")
				}
				line, col := position(data, start)
				assets = append(assets, asset{a, line, col})
			}
			dec.Token() // ]
		default:
			var skip any
			dec.Decode(&skip)
		}
	}
	sort.SliceStable(assets, func(i, j int) bool { return assets[i].line < assets[j].line })
	return exportedAt, assets, nil
}

func position(data []byte, offset int) (line, column int) {
	offset = max(0, min(offset, len(data)))
	before := data[:offset]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte{'\n'}) + 1, utf8.RuneCount(before[start:]) + 1
}

// misbehave does what SOCLE_TEST_PLUGIN asks for the request's method, and
// reports whether it answered.
func misbehave(req request, stdin io.Reader, stdout, stderr io.Writer) (code int, done bool) {
	method, behaviour, _ := strings.Cut(os.Getenv("SOCLE_TEST_PLUGIN"), ":")
	if method != req.Method && method != "*" {
		return 0, false
	}
	switch behaviour {
	case "crash":
		fmt.Fprint(stderr, "inventory: connecting to https://cmdb.example.test: dial tcp 10.0.0.7:443: connect: connection refused\n")
		fmt.Fprint(stderr, "panic: no inventory\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/inventory/main.go:42 +0x1d\n")
		return 2, true
	case "hang":
		time.Sleep(time.Hour)
		return 0, true
	case "garbage":
		fmt.Fprint(stdout, "Loading inventory from the CMDB...\n{\"protocol\": 1}\n")
		return 0, true
	case "truncated":
		fmt.Fprint(stdout, "{\n  \"protocol\": 1,\n  \"document\": {\"assets\": [\n")
		return 0, true
	case "protocol2":
		return answer(stdout, map[string]any{"protocol": 2, "result": map[string]any{"document": map[string]any{}}}), true
	case "protocol2-exit":
		answer(stdout, map[string]any{"protocol": 2, "error": map[string]any{"summary": "socle-provider-inventory 2.0 speaks protocol 2 only"}})
		return 1, true
	case "flood":
		fmt.Fprint(stdout, `{"protocol": 1, "items": 0, "document": [`)
		chunk := bytes.Repeat([]byte(`"asset", `), 1024)
		for {
			if _, err := stdout.Write(chunk); err != nil {
				return 1, true
			}
		}
	case "echo":
		cwd, _ := os.Getwd()
		var doc map[string]any
		raw, _ := json.Marshal(req)
		json.Unmarshal(raw, &doc)
		doc["cwd"] = cwd
		doc["env"] = os.Getenv("SOCLE_TEST_ECHO")
		return answer(stdout, result{Protocol: 1, Document: doc, Items: 1}), true
	case "fail-exit":
		answer(stdout, failure{1, problem{Summary: "CMDB unavailable", Detail: "the CMDB answered 503 Service Unavailable; try again later"}})
		fmt.Fprintln(stderr, "inventory: GET https://cmdb.example.test/api/v2/assets: 503")
		return 1, true
	case "document-exit":
		answer(stdout, result{Protocol: 1, Document: map[string]any{"assets": []any{}}, Items: 0})
		return 3, true
	case "child":
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "SOCLE_TEST_PLUGIN=*:hang")
		// The request goes through a pipe written before the child starts,
		// so the child has it even after this process exits.
		r, w, err := os.Pipe()
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1, true
		}
		fmt.Fprint(w, `{"protocol": 1, "method": "load"}`)
		w.Close()
		cmd.Stdin = r
		cmd.Stdout = os.Stdout
		if err := cmd.Start(); err != nil {
			fmt.Fprintln(stderr, err)
			return 1, true
		}
		return answer(stdout, result{Protocol: 1, Document: map[string]any{}, Items: 0}), true
	case "chatty":
		for i := range 10000 {
			fmt.Fprintf(stderr, "inventory: debug: fetched page %d\n", i)
		}
		return 0, false
	case "typo":
		fmt.Fprint(stdout, "{\n  \"protocol\": 1,\n  \"document\": {},\n  \"items\": 0,\n  \"warning\": []\n}\n")
		return 0, true
	case "bad-type":
		fmt.Fprint(stdout, "{\n  \"protocol\": 1,\n  \"modes\": [\"load\"],\n  \"attributes\": {\n    \"path\": {\"type\": \"integer\"}\n  }\n}\n")
		return 0, true
	case "silent":
		return 0, true
	case "killed":
		fmt.Fprintln(stderr, "inventory: out of memory")
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Kill()
		}
		time.Sleep(time.Hour)
		return 1, true
	case "load-only", "collect-only":
		s := map[string]any{}
		for k, v := range schema {
			s[k] = v
		}
		s["modes"] = []string{strings.TrimSuffix(behaviour, "-only")}
		return answer(stdout, s), true
	}
	return 0, false
}
