package github

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"net/url"
	"os"
	"path"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// fuzzFiles are the files of the acme snapshot FuzzLoad replaces, one at a
// time.
var fuzzFiles = []string{
	"org.json",
	"members.json",
	"teams.json",
	"repos/payroll-api.json",
	"branch_protection/payroll-api.json",
	"rulesets/payroll-api.json",
}

// FuzzLoad loads the acme snapshot with one of its files replaced by the
// input. It must never panic, and either return a positioned
// *providers.SourceError about a file of the snapshot, or a valid document
// that holds the file.
func FuzzLoad(f *testing.F) {
	// The other files are small, so that each run decodes little besides
	// the input; the acme snapshot's files are the seeds.
	snapshot := fstest.MapFS{
		"s/org.json":                           {Data: []byte(`{"login": "acme-payroll"}`)},
		"s/members.json":                       {Data: []byte(`[{"login": "aokafor"}]`)},
		"s/teams.json":                         {Data: []byte(`[{"slug": "platform"}]`)},
		"s/repos/payroll-api.json":             {Data: []byte(`{"name": "payroll-api", "default_branch": "main"}`)},
		"s/branch_protection/payroll-api.json": {Data: []byte(`{"url": "https://api.github.com/repos/acme-payroll/payroll-api/branches/main/protection"}`)},
		"s/rulesets/payroll-api.json":          {Data: []byte(`[]`)},
	}
	for i, name := range fuzzFiles {
		data, err := os.ReadFile(path.Join("testdata/acme", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), data)
	}
	for _, s := range []struct {
		file uint8
		data string
	}{
		{1, `[{"login":"a"},{"login":"b"}][{"login":"c"}]`},
		{2, `[[{"slug":"a"}],[{"slug":"b"}]]`},
		{1, `[{"login":"a"}][`},
		{1, `[{"login":"a"}] {"login":"b"}`},
		{4, `{"message":"Branch not protected","documentation_url":"https://docs.github.com/rest","status":"404"}`},
		{4, `{"url":"https://api.github.com/repos/o/r/branches/release%2F1/protection"}`},
		{3, `{"name":"payroll-api","default_branch":""}`},
		{5, `[{"id":1},"x"]`},
		{0, "\xef\xbb\xbf{}"},
		{0, "\xff\xfe{\x00}\x00"},
		{0, ``},
	} {
		f.Add(s.file, []byte(s.data))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := fuzzFiles[int(which)%len(fuzzFiles)]
		fsys := maps.Clone(snapshot)
		fsys["s/"+name] = &fstest.MapFile{Data: data}
		in := &instance{env: providers.Env{FS: fsys}, snapshot: "s"}
		doc, err := in.Load(context.Background())
		if err != nil {
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *providers.SourceError", err, err)
			}
			if _, ok := fsys[se.File]; !ok || se.Summary == "" || se.Detail == "" || se.Line < 0 || se.Column < 0 {
				t.Fatalf("malformed error %#v", se)
			}
			if lines := 1 + bytes.Count(fsys[se.File].Data, []byte("\n")); se.Line > lines {
				t.Fatalf("error on line %d of a %d-line file: %v", se.Line, lines, se)
			}
			return
		}
		if err := providertest.CheckValue(doc.Value); err != nil {
			t.Fatal(err)
		}
		v := doc.Value.(map[string]any)
		if !slices.Contains(v["files"].([]any), any(name)) {
			t.Fatalf("files %v do not hold %s", v["files"], name)
		}
		if doc.Items != len(v["repositories"].(map[string]any))+len(v["members"].([]any))+len(v["teams"].([]any)) {
			t.Fatalf("Items = %d", doc.Items)
		}
	})
}

// FuzzDecodeList checks the list decoder and the element offsets that
// position errors: for every list decoded, one offset per element, each
// where a JSON value starts.
func FuzzDecodeList(f *testing.F) {
	for _, s := range []string{
		`[{"login":"a"},{"login":"b"}]`,
		"[{\"login\":\"a\"}]\n[{\"login\":\"b\"}, 3]",
		`[[{"slug":"a"}],[],[{"slug":"b"}, "x"]]`,
		`[[1], 2]`,
		`[]`,
		`[[]]`,
		`[1][2`,
		`[1] x`,
		`{"a": 1} [2]`,
		` `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, form, err := decodeList("f.json", data)
		if err != nil {
			var se *providers.SourceError
			if !errors.As(err, &se) || se.File != "f.json" || se.Line < 1 || se.Column < 1 || se.Detail == "" {
				t.Fatalf("error %#v is not a positioned *providers.SourceError", err)
			}
			return
		}
		if err := providertest.CheckValue(v); err != nil {
			t.Fatal(err)
		}
		list, ok := v.([]any)
		if !ok {
			return
		}
		offsets := elementOffsets(data, form)
		if len(offsets) != len(list) {
			t.Fatalf("%d offsets for %d elements (form %d)", len(offsets), len(list), form)
		}
		for _, o := range offsets {
			if o >= len(data) || bytes.IndexByte([]byte(`{["-0123456789tfn`), data[o]) < 0 {
				t.Fatalf("offset %d does not start a value", o)
			}
		}
	})
}

// FuzzNextLink parses Link headers, which a server sends: no panic, and a
// next page is a URL.
func FuzzNextLink(f *testing.F) {
	for _, s := range []string{
		`<https://api.github.com/organizations/1/members?page=2>; rel="next", <https://api.github.com/organizations/1/members?page=3>; rel="last"`,
		`</x?page=2>;rel=next`,
		`<https://api.github.com/x>; title="a, \"b\""; rel="prev next"`,
		`<https://api.github.com/x; rel="next"`,
		`, , <>; rel="next"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		next, err := nextLink(header, "https://api.github.com/orgs/acme/members?per_page=100")
		if err != nil || next == "" {
			return
		}
		if _, err := url.Parse(next); err != nil {
			t.Fatalf("next page %q is not a URL: %v", next, err)
		}
	})
}
