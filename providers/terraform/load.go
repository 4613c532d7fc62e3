package terraform

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// Load reads the plan or state JSON file the snapshot names and normalizes
// it as the package documentation describes; with a source, it reads the
// .tf files there for the location of each resource.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	names, err := in.env.Match(in.snapshot)
	if err != nil {
		return nil, fmt.Errorf("terraform provider: %w", err)
	}
	if len(names) > 1 {
		shown := names
		if len(shown) > 5 {
			shown = append(shown[:5:5], "…")
		}
		return nil, fmt.Errorf("terraform provider: the snapshot %q names %d files (%s); it must name one plan or state JSON file, as terraform show -json writes it",
			in.snapshot, len(names), strings.Join(shown, ", "))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(in.env.FS, names[0])
	if err != nil {
		return nil, fmt.Errorf("terraform provider: reading %s: %w", names[0], err)
	}
	doc, err := normalize(names[0], data)
	if err != nil {
		return nil, err
	}
	doc.Params = map[string]string{"snapshot": names[0]}
	if in.source != "" {
		doc.Params["source"] = in.source
		if err := in.locate(ctx, doc); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// locate reads the configuration the source names and sets the location of
// each resource of doc declared there. Whatever goes wrong is a warning: the
// plan or state is usable without locations.
func (in *instance) locate(ctx context.Context, doc *providers.Document) error {
	cfg, err := readConfiguration(ctx, in.env.FS, in.source)
	if err != nil {
		return err
	}
	resources := doc.Value.(map[string]any)["resources"].(map[string]any)
	found := cfg.locate(resources)
	doc.Warnings = append(doc.Warnings, cfg.warnings...)
	doc.Locations = locations(resources)
	if found == 0 && len(resources) > 0 && len(cfg.files) > 0 {
		doc.Warnings = append(doc.Warnings, &providers.SourceError{
			File:    in.source,
			Summary: "No resource found in the Terraform configuration",
			Detail: fmt.Sprintf("none of the %d resources of %s is declared in the .tf files of %s or of the local modules they call; does source name the configuration the %s was made from?",
				len(resources), doc.Sources[0], in.source, doc.Value.(map[string]any)["kind"]),
		})
	}
	doc.Sources = append(doc.Sources, cfg.files...)
	slices.Sort(doc.Sources)
	return nil
}

// locations indexes the located resources by address, so findings on them can
// point at their block (a pull-request annotation on the exact line).
func locations(resources map[string]any) map[string]providers.Location {
	out := map[string]providers.Location{}
	for addr, v := range resources {
		src, ok := v.(map[string]any)["source"].(map[string]any)
		if !ok {
			continue
		}
		file, _ := src["file"].(string)
		line, _ := src["line"].(json.Number).Int64()
		if file != "" && line > 0 {
			out[addr] = providers.Location{File: file, Line: int(line)}
		}
	}
	return out
}
