package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/socle-dev/socle/providers"
)

// instance is one provider block of a plug-in's type.
type instance struct {
	typ    *Type
	schema *Schema
	config json.RawMessage // the block's attributes as a JSON object
	repo   string          // absolute path of the policy repository
}

var _ providers.Instance = (*instance)(nil)

// Load runs the plug-in's load request.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	if !in.schema.Load {
		return nil, &Error{Plugin: in.typ.exe, Method: "load", Summary: "Load mode not supported",
			Detail: fmt.Sprintf("%s only collects from the live system; run socle collect and evaluate the bundle it writes with socle eval --snapshot", filepath.Base(in.typ.exe))}
	}
	return in.run(ctx, "load")
}

// collector is an instance whose plug-in also collects.
type collector struct {
	*instance
}

var _ providers.Collector = collector{}

// Collect runs the plug-in's collect request.
func (c collector) Collect(ctx context.Context) (*providers.Document, error) {
	return c.run(ctx, "collect")
}

// run sends a load or collect request and reads the document. The plug-in
// runs in the policy repository's directory.
func (in *instance) run(ctx context.Context, method string) (*providers.Document, error) {
	t := in.typ
	req, err := json.Marshal(request{Protocol: Protocol, Method: method, Config: in.config, Repository: in.repo})
	if err != nil {
		return nil, err
	}
	out, stderr, err := t.call(ctx, method, req, in.repo, orDefault(t.Timeout, DefaultTimeout), orDefault(t.MaxOutput, DefaultMaxOutput))
	doc, reported, derr := decodeResult(out)
	if err := t.settle(method, err, stderr, doc != nil, reported, derr); err != nil {
		return nil, err
	}
	if doc.Params == nil {
		doc.Params = map[string]string{}
	}
	doc.Params["plugin"] = "socle-provider-" + t.name
	if in.schema.Version != "" {
		doc.Params["plugin_version"] = in.schema.Version
	}
	return doc, nil
}
