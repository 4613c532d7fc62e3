package terraform

import "fmt"

// resources reads the resources of a values representation (planned_values,
// or a state's values): those of root_module and of every child module,
// recursively. Each is normalized with its module's address ("" for the root).
// at is the JSON path of values, for messages.
func (d *decoder) resources(values map[string]any, at string) ([]map[string]any, error) {
	root, err := d.object(values, "root_module", at)
	if err != nil || root == nil {
		return nil, err
	}
	var out []map[string]any
	err = d.module(root, "", at+".root_module", func(raw map[string]any, module, at string) error {
		r, err := d.resource(raw, module, at)
		if err == nil && r != nil {
			out = append(out, r)
		}
		return err
	})
	return out, err
}

// module visits the resources of module m, whose address is addr, then those
// of its child modules.
func (d *decoder) module(m map[string]any, addr, at string, visit func(raw map[string]any, module, at string) error) error {
	resources, err := d.objects(m, "resources", at)
	if err != nil {
		return err
	}
	for i, raw := range resources {
		if err := visit(raw, addr, fmt.Sprintf("%s.resources[%d]", at, i)); err != nil {
			return err
		}
	}
	children, err := d.objects(m, "child_modules", at)
	if err != nil {
		return err
	}
	for i, child := range children {
		childAt := fmt.Sprintf("%s.child_modules[%d]", at, i)
		childAddr, err := d.str(child, "address", childAt)
		if err != nil {
			return err
		}
		if err := d.module(child, childAddr, childAt, visit); err != nil {
			return err
		}
	}
	return nil
}
