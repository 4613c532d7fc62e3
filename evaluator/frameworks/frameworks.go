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
	"fmt"
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

// Scope returns the framework cut down to the criteria that one of the
// prefixes names — a group ("CC", "CC6", "A1", "P" for SOC 2; "A.5", "A.8"
// for ISO 27001) or a single criterion — for an examination that covers only
// some of it (a SOC 2 report on Security and Availability: "CC", "A1"). A
// prefix ends at a group boundary: "P" names P1.1 but not PI1.1, "A.5.1" names
// A.5.1 but not A.5.10. A prefix that names no criterion is an error. No
// prefix returns the framework whole.
func (f *Framework) Scope(prefixes []string) (*Framework, error) {
	if len(prefixes) == 0 {
		return f, nil
	}
	out := &Framework{Name: f.Name, Title: f.Title, index: map[string]int{}}
	matched := make([]bool, len(prefixes))
	for _, c := range f.Criteria {
		keep := false
		for i, p := range prefixes {
			if names(p, c.ID) {
				keep, matched[i] = true, true
			}
		}
		if keep {
			out.index[c.ID] = len(out.Criteria)
			out.Criteria = append(out.Criteria, c)
		}
	}
	for i, ok := range matched {
		if !ok {
			return nil, fmt.Errorf("%q names no criterion of %s: give a group such as %s, or a criterion's identifier", prefixes[i], f.Name, strings.Join(f.Groups(), ", "))
		}
	}
	out.Title = fmt.Sprintf("%s, scoped to %s", f.Title, strings.Join(prefixes, ", "))
	return out, nil
}

// names reports whether the prefix names the criterion id.
func names(prefix, id string) bool {
	if prefix == "" || !strings.HasPrefix(id, prefix) {
		return false
	}
	if len(id) == len(prefix) {
		return true
	}
	next, last := id[len(prefix)], prefix[len(prefix)-1]
	isLetter := func(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }
	return next == '.' || isLetter(last) && next >= '0' && next <= '9'
}

// Groups lists the framework's groups, as Scope takes them: each identifier
// without its last number (CC1, A1, PI1, …; A.5, A.6, …), in order.
func (f *Framework) Groups() []string {
	var out []string
	for _, c := range f.Criteria {
		g := c.ID
		if i := strings.LastIndexByte(g, '.'); i > 0 {
			g = g[:i]
		}
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}
