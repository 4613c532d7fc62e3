package file

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// Load reads every file the snapshot names and builds the document described
// in the package documentation.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	names, err := in.env.Match(in.snapshot)
	if err != nil {
		return nil, fmt.Errorf("file provider: %w", err)
	}
	doc := &providers.Document{Params: map[string]string{"snapshot": in.snapshot}}
	if in.format != "" {
		doc.Params["format"] = string(in.format)
	}
	files := make(map[string]any, len(names))
	documents := make(map[string]any, len(names))
	doc.Locations = map[string]providers.Location{}
	items := []any{}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f := in.format
		if f == "" {
			f = formatOf(name)
		}
		if f == "" {
			doc.Warnings = append(doc.Warnings, &providers.SourceError{
				File:    name,
				Summary: "Unknown file format",
				Detail:  fmt.Sprintf("the file was skipped: socle reads .json, .yaml, .yml and .csv files; to read it, set format (%s) in the provider block", strings.Join(formatNames(), ", ")),
			})
			continue
		}
		p, err := in.read(name, f)
		if err != nil {
			return nil, err
		}
		files[name] = p.content
		if p.documents == nil {
			p.documents = []any{p.content}
		}
		documents[name] = p.documents
		doc.Locations[name] = providers.Location{File: name, Line: 1}
		for _, it := range p.items {
			items = append(items, map[string]any{
				"file":  name,
				"line":  json.Number(strconv.Itoa(it.line)),
				"value": it.value,
			})
		}
		doc.Sources = append(doc.Sources, name)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("file provider: the snapshot %q holds no file socle reads (.json, .yaml, .yml, .csv); to read files with other extensions, set format (%s) in the provider block", in.snapshot, strings.Join(formatNames(), ", "))
	}
	value := map[string]any{"files": files, "documents": documents, "items": items}
	if len(files) == 1 {
		value["content"] = files[doc.Sources[0]]
	}
	doc.Value = value
	doc.Items = len(items)
	return doc, nil
}

// read reads and parses one file.
func (in *instance) read(name string, f format) (*parsed, error) {
	data, err := fs.ReadFile(in.env.FS, name)
	if err != nil {
		return nil, fmt.Errorf("file provider: reading %s: %w", name, err)
	}
	data, err = providers.TrimBOM(name, data)
	if err != nil {
		return nil, err
	}
	return parsers[f](name, data)
}
