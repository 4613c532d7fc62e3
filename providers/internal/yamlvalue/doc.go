// Package yamlvalue owns what the providers that read YAML (file and
// kubernetes) must do the same way: converting yaml.v3 nodes to the
// JSON-compatible values of a document (Converter: aliases expanded within
// limits, merge keys applied, numbers as json.Number), and turning yaml.v3's
// parse errors into positioned *providers.SourceError values on the line of
// the problem (Error), where yaml.v3 sometimes reports another.
package yamlvalue
