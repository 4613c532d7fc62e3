package evaluator

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/result"
)

// used collects what the evaluated items used (EvalOptions.KeepInputs): the
// canonical JSON of every input document that loaded, by its sha256, and the
// modules of every policy package, by the package's policy sha256. A package
// the repository does not define has no hash and nothing to keep.
func (r *Repo) used(items []Item, inputs map[addrs.Provider]*loaded) *result.Used {
	u := &result.Used{Inputs: map[string][]byte{}, Policies: map[string][]result.Module{}}
	for _, l := range inputs {
		if l.err == nil && l.canonical != nil {
			u.Inputs[l.sha256] = l.canonical
		}
	}
	for _, it := range items {
		pkg := it.Control.Policy
		sum := r.Policies.PackageSHA256(pkg)
		if sum == "" {
			continue
		}
		if _, ok := u.Policies[sum]; ok {
			continue
		}
		mods := r.Policies.PackageModules(pkg)
		out := make([]result.Module, len(mods))
		for i, m := range mods {
			out[i] = result.Module{Path: m.Path, SHA256: m.SHA256, Source: m.Source}
		}
		u.Policies[sum] = out
	}
	return u
}

// canonicalBytes returns a document's canonical JSON and its sha256: the same
// hash canonical.SHA256 gives, with the bytes kept.
func canonicalBytes(v any) ([]byte, string, error) {
	b, err := canonical.Marshal(v)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}
