package terraform

// resource normalizes one resource of a values representation, found in the
// module whose address is module. It returns nil for a deposed object of a
// state (a replaced object not yet destroyed): the resource's address names
// its current object.
func (d *decoder) resource(raw map[string]any, module, at string) (map[string]any, error) {
	if deposed, _ := raw["deposed_key"].(string); deposed != "" {
		return nil, nil
	}
	r := map[string]any{"module": module, "change": nil, "source": nil}
	for _, f := range [...]struct{ from, to string }{
		{"address", "address"}, {"mode", "mode"}, {"type", "type"}, {"name", "name"},
	} {
		s, err := d.str(raw, f.from, at)
		if err != nil {
			return nil, err
		}
		r[f.to] = s
	}
	provider, err := d.optString(raw, "provider_name", at)
	if err != nil {
		return nil, err
	}
	r["provider"] = provider
	if r["index"], err = d.index(raw, at); err != nil {
		return nil, err
	}
	values, err := d.object(raw, "values", at)
	if err != nil {
		return nil, err
	}
	if values == nil {
		values = map[string]any{}
	}
	r["values"] = redactAttributes(values, raw["sensitive_values"])
	return r, nil
}
