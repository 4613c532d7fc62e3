package terraform

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// decoder reads the decoded JSON of one plan or state file and reports
// structural problems (a field of the wrong type) with the JSON path to it.
type decoder struct {
	file string
	kind string // "plan" or "state"
}

func (d *decoder) errorf(at, format string, args ...any) *providers.SourceError {
	return &providers.SourceError{
		File:    d.file,
		Summary: "Invalid Terraform " + d.kind,
		Detail:  at + ": " + fmt.Sprintf(format, args...) + "; is the file as terraform show -json wrote it?",
	}
}

// str returns the string field key of m, which must be present.
func (d *decoder) str(m map[string]any, key, at string) (string, error) {
	v, ok := m[key]
	if !ok {
		return "", d.errorf(at, "%q is missing", key)
	}
	s, ok := v.(string)
	if !ok {
		return "", d.errorf(at, "%q is %s, not a string", key, describe(v))
	}
	return s, nil
}

// optString returns the string field key of m, or "" when it is absent or
// null.
func (d *decoder) optString(m map[string]any, key, at string) (string, error) {
	if m[key] == nil {
		return "", nil
	}
	return d.str(m, key, at)
}

// object returns the object field key of m, nil when it is absent or null.
func (d *decoder) object(m map[string]any, key, at string) (map[string]any, error) {
	switch v := m[key].(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return v, nil
	default:
		return nil, d.errorf(at, "%q is %s, not an object", key, describe(v))
	}
}

// array returns the array field key of m, nil when it is absent or null.
func (d *decoder) array(m map[string]any, key, at string) ([]any, error) {
	switch v := m[key].(type) {
	case nil:
		return nil, nil
	case []any:
		return v, nil
	default:
		return nil, d.errorf(at, "%q is %s, not an array", key, describe(v))
	}
}

// objects returns the array field key of m, each element an object.
func (d *decoder) objects(m map[string]any, key, at string) ([]map[string]any, error) {
	list, err := d.array(m, key, at)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		obj, ok := e.(map[string]any)
		if !ok {
			return nil, d.errorf(fmt.Sprintf("%s.%s[%d]", at, key, i), "the element is %s, not an object", describe(e))
		}
		out[i] = obj
	}
	return out, nil
}

// version returns the file's format_version, refusing a major version this
// package does not know (the format's compatibility promise: reject unknown
// major versions, accept any minor one).
func (d *decoder) version(top map[string]any) (string, error) {
	v, err := d.optString(top, "format_version", "the file")
	if err != nil || v == "" {
		return v, err
	}
	major, _, _ := strings.Cut(v, ".")
	if n, err := strconv.Atoi(major); err != nil || n < 0 || n > 1 {
		return "", &providers.SourceError{
			File:    d.file,
			Summary: "Unsupported Terraform JSON format",
			Detail:  fmt.Sprintf("format_version is %q; socle reads versions 0.x and 1.x of the format terraform show -json writes", v),
		}
	}
	return v, nil
}

// index checks a resource's instance key: a number (count), a string
// (for_each) or absent.
func (d *decoder) index(m map[string]any, at string) (any, error) {
	switch v := m["index"].(type) {
	case nil, json.Number, string:
		return v, nil
	default:
		return nil, d.errorf(at, `"index" is %s, not a number or a string`, describe(v))
	}
}
