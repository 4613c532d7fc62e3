package terraform

// state reads the resources of a state. A state without "values" is empty.
func (d *decoder) state(top map[string]any) ([]map[string]any, error) {
	values, err := d.object(top, "values", "the file")
	if err != nil || values == nil {
		return nil, err
	}
	resources, err := d.resources(values, "values")
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(resources))
	for _, r := range resources {
		addr := r["address"].(string)
		if seen[addr] {
			return nil, d.errorf("values", "the resource %s appears twice", addr)
		}
		seen[addr] = true
	}
	return resources, nil
}
