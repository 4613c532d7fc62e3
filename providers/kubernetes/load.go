package kubernetes

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

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
	var files []string
	for _, name := range names {
		if !manifestFile(name) {
			doc.Warnings = append(doc.Warnings, &providers.SourceError{
				File:    name,
				Summary: "Not a manifest file",
				Detail:  "the file was skipped: the kubernetes provider reads .yaml, .yml and .json files; move other files out of the snapshot, or name the manifests with a glob",
			})
			continue
		}
		files = append(files, name)
	}
	parsed := parseFiles(ctx, in.env.FS, files)
	r := &reader{}
	for i, name := range files {
		if err := parsed[i].err; err != nil {
			return nil, err
		}
		if err := r.read(name, parsed[i].docs); err != nil {
			return nil, err
		}
		parsed[i] = parsedFile{}
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

// parsedFile is one manifest file's documents, or why it could not be read.
type parsedFile struct {
	docs []document
	err  error
}

// parseFiles reads and parses the files on every core, each file on its own:
// the results are in the order of files, so the objects are read in that
// order and the first error reported is the first file's.
func parseFiles(ctx context.Context, fsys fs.FS, files []string) []parsedFile {
	out := make([]parsedFile, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				if err := ctx.Err(); err != nil {
					out[i].err = err
					continue
				}
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					out[i].err = fmt.Errorf("kubernetes provider: reading %s: %w", files[i], err)
					continue
				}
				out[i].docs, out[i].err = parseData(files[i], data)
			}
		})
	}
	wg.Wait()
	return out
}

// parseData parses one manifest file's content.
func parseData(name string, data []byte) ([]document, error) {
	data, err := providers.TrimBOM(name, data)
	if err != nil {
		return nil, err
	}
	return parseFile(name, data)
}

// readFile parses one manifest file and reads its objects into r.
func readFile(r *reader, name string, data []byte) error {
	docs, err := parseData(name, data)
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
