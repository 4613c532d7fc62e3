package policy

// Metadata is what a module's METADATA annotation says about its package: the
// comment block before the package clause (scope package), as OPA reads it.
type Metadata struct {
	Title       string
	Description string
}

// Metadata returns the package annotation of the module; empty when it has none.
func (m *Module) Metadata() Metadata {
	if m.parsed == nil {
		return Metadata{}
	}
	for _, a := range m.parsed.Annotations {
		if a.Scope == "package" {
			return Metadata{Title: a.Title, Description: a.Description}
		}
	}
	return Metadata{}
}
