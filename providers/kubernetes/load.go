package kubernetes

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"

	"github.com/socle-dev/socle/providers"
)

// Load reads every manifest file the snapshot names and builds the document
// described in the package documentation.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	names, err := in.env.Match(in.snapshot)
	if err != nil {
		return nil, fmt.Errorf("kubernetes provider: %w", err)
	}
	doc := &providers.Document{Params: map[string]string{
		"snapshot":          in.snapshot,
		"namespace_default": in.namespaceDefault,
	}}
	r := &reader{}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !manifestFile(name) {
			doc.Warnings = append(doc.Warnings, &providers.SourceError{
				File:    name,
				Summary: "Not a manifest file",
				Detail:  "the file was skipped: the kubernetes provider reads .yaml, .yml and .json files; move other files out of the snapshot, or name the manifests with a glob",
			})
			continue
		}
		data, err := fs.ReadFile(in.env.FS, name)
		if err != nil {
			return nil, fmt.Errorf("kubernetes provider: reading %s: %w", name, err)
		}
		if err := readFile(r, name, data); err != nil {
			return nil, err
		}
		doc.Sources = append(doc.Sources, name)
	}
	if len(doc.Sources) == 0 {
		return nil, fmt.Errorf("kubernetes provider: the snapshot %q holds no manifest file (.yaml, .yml or .json)", in.snapshot)
	}
	value, dups := normalize(r.objects, in.namespaceDefault)
	doc.Value = value
	doc.Items = len(r.objects)
	doc.Locations = locations(value)
	doc.Warnings = append(doc.Warnings, r.warnings...)
	doc.Warnings = append(doc.Warnings, dups...)
	slices.SortStableFunc(doc.Warnings, func(a, b *providers.SourceError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return doc, nil
}

// readFile parses one manifest file and reads its objects into r.
func readFile(r *reader, name string, data []byte) error {
	data, err := providers.TrimBOM(name, data)
	if err != nil {
		return err
	}
	docs, err := parseFile(name, data)
	if err != nil {
		return err
	}
	return r.read(name, docs)
}

// locations indexes each object's key (Kind/namespace/name, what policies
// name as the resource) to the file and line of its manifest.
func locations(value map[string]any) map[string]providers.Location {
	byKey, _ := value["by_key"].(map[string]any)
	out := make(map[string]providers.Location, len(byKey))
	for key, e := range byKey {
		src, _ := e.(map[string]any)["source"].(map[string]any)
		file, _ := src["file"].(string)
		line, _ := src["line"].(json.Number).Int64()
		if file != "" {
			out[key] = providers.Location{File: file, Line: int(line)}
		}
	}
	return out
}
