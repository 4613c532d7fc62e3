package aws

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// documentKeys are the fields of get-account-authorization-details that hold
// an IAM policy document (the API's policyDocumentType): inline policies,
// trust policies (also those of an instance profile's roles) and managed
// policy versions.
var documentKeys = map[string]bool{
	"PolicyDocument":           true,
	"AssumeRolePolicyDocument": true,
	"Document":                 true,
}

// decodeDocuments replaces, in v and the values it holds, every policy
// document written as a string with the JSON value it encodes. The IAM API
// returns documents URL-encoded (RFC 3986); the AWS CLI decodes them, so its
// output holds objects, which are kept as they are. A string is decoded as
// URL-encoded JSON, or as plain JSON when it starts with "{". Maps are
// visited in key order so that, of several bad documents, the same one is
// reported every time.
func decodeDocuments(d *decoder, v any, p jsonPath) error {
	switch v := v.(type) {
	case map[string]any:
		for _, key := range slices.Sorted(func(yield func(string) bool) {
			for key := range v {
				if !yield(key) {
					return
				}
			}
		}) {
			kp := p.with(key)
			if documentKeys[key] {
				s, ok := v[key].(string)
				if !ok {
					continue // decoded already (or null); not walked into
				}
				doc, err := decodeDocument(s)
				if err != nil {
					return d.errorAt(kp, "Invalid policy document", fmt.Sprintf(
						"%s is a string that is not a policy document: %v; the IAM API returns documents as URL-encoded JSON, the AWS CLI as JSON objects", kp, err))
				}
				v[key] = doc
				continue
			}
			if err := decodeDocuments(d, v[key], kp); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range v {
			if err := decodeDocuments(d, e, p.with(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeDocument decodes one policy document string.
func decodeDocument(s string) (any, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return nil, errors.New("it is empty")
	}
	if !strings.HasPrefix(text, "{") {
		decoded, err := url.PathUnescape(text)
		if err != nil {
			return nil, fmt.Errorf("its URL encoding is broken (%v)", err)
		}
		text = decoded
	}
	v, err := providers.DecodeJSON("", []byte(text))
	if err != nil {
		var se *providers.SourceError
		if errors.As(err, &se) && se.Line > 0 {
			return nil, fmt.Errorf("its JSON is invalid at line %d, column %d of the decoded document (%s)", se.Line, se.Column, se.Detail)
		}
		return nil, fmt.Errorf("its JSON is invalid (%v)", err)
	}
	return v, nil
}
