package terraform

// redacted replaces every value Terraform marks sensitive.
const redacted = "(sensitive)"

// redact replaces, in v, every value that mask marks sensitive by
// "(sensitive)", and returns v. A mask mirrors the value it describes
// (sensitive_values, before_sensitive, after_sensitive): true marks the value
// at that place sensitive; objects and arrays nest; anything else (false,
// null, a shape that does not match v) marks nothing. v is changed in place.
func redact(v, mask any) any {
	switch m := mask.(type) {
	case bool:
		if m {
			return redacted
		}
	case map[string]any:
		if obj, ok := v.(map[string]any); ok {
			for k, sub := range m {
				if e, ok := obj[k]; ok {
					obj[k] = redact(e, sub)
				}
			}
		}
	case []any:
		if list, ok := v.([]any); ok {
			for i := range min(len(list), len(m)) {
				list[i] = redact(list[i], m[i])
			}
		}
	}
	return v
}

// redactAttributes is redact for the attributes object of a resource: a mask
// of true (the whole resource sensitive) replaces every attribute's value, so
// that the attributes stay an object.
func redactAttributes(v, mask any) any {
	if obj, ok := v.(map[string]any); ok && mask == true {
		for k := range obj {
			obj[k] = redacted
		}
		return obj
	}
	return redact(v, mask)
}
