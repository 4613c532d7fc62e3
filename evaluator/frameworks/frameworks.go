// Package frameworks holds the identifiers of the frameworks controls and
// objectives may be mapped to (the mappings attribute): the SOC 2 Trust
// Services Criteria (2017, points of focus revised 2022) and the controls of
// ISO/IEC 27001:2022 Annex A, each with a short title in socle's own words —
// a reminder of what the criterion is about, not the standard's text, which
// belongs to its publisher.
//
// It imports nothing of socle.
package frameworks

import (
	"slices"
	"strings"
)

// Criterion is one criterion of a framework (a SOC 2 criterion, an ISO
// Annex A control).
type Criterion struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Framework is a framework's name as written in mappings, its full title and
// its criteria in the standard's order.
type Framework struct {
	Name     string
	Title    string
	Criteria []Criterion
	index    map[string]int
}

var all = []*Framework{
	{Name: "soc2", Title: "SOC 2 Trust Services Criteria (2017, points of focus revised 2022)", Criteria: soc2},
	{Name: "iso27001", Title: "ISO/IEC 27001:2022 Annex A", Criteria: iso27001},
}

func init() {
	for _, f := range all {
		f.index = make(map[string]int, len(f.Criteria))
		for i, c := range f.Criteria {
			f.index[c.ID] = i
		}
	}
}

// Names lists the frameworks' names, sorted.
func Names() []string {
	out := make([]string, len(all))
	for i, f := range all {
		out[i] = f.Name
	}
	slices.Sort(out)
	return out
}

// Lookup returns the framework with the name.
func Lookup(name string) (*Framework, bool) {
	for _, f := range all {
		if f.Name == name {
			return f, true
		}
	}
	return nil, false
}

// Criterion returns the criterion with the identifier.
func (f *Framework) Criterion(id string) (Criterion, bool) {
	i, ok := f.index[id]
	if !ok {
		return Criterion{}, false
	}
	return f.Criteria[i], true
}

// IDs lists the identifiers in the standard's order.
func (f *Framework) IDs() []string {
	out := make([]string, len(f.Criteria))
	for i, c := range f.Criteria {
		out[i] = c.ID
	}
	return out
}

// Compare orders two identifiers of the framework as the standard lists
// them; unknown identifiers go last, by text.
func (f *Framework) Compare(a, b string) int {
	ia, oka := f.index[a]
	ib, okb := f.index[b]
	switch {
	case oka && okb:
		return ia - ib
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}

// Normalize returns the identifier as the framework writes it when id is a
// recognizable variant of one (case, a missing "A." before an ISO Annex A
// number), for a did-you-mean.
func (f *Framework) Normalize(id string) (string, bool) {
	if _, ok := f.index[id]; ok {
		return id, true
	}
	up := strings.ToUpper(strings.TrimSpace(id))
	for _, c := range []string{up, "A." + up, "A." + strings.TrimPrefix(up, "A")} {
		if _, ok := f.index[c]; ok {
			return c, true
		}
	}
	return "", false
}
