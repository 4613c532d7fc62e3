package evaluator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/result"
)

// used collects what the evaluated items used (EvalOptions.KeepInputs): the
// canonical JSON of every input document that loaded, by its sha256, and the
// modules of every policy package, by the package's policy sha256. A package
// the repository does not define has no hash and nothing to keep.
//
// A manual control's inputs are its evidence files: their bytes are kept by
// the digest its result recorded, so the store holds the evidence itself.
func (r *Repo) used(items []Item, inputs map[addrs.Provider]*loaded, results []*result.Result) *result.Used {
	u := &result.Used{Inputs: map[string][]byte{}, Policies: map[string][]result.Module{}}
	for _, l := range inputs {
		if l.err == nil && l.canonical != nil {
			u.Inputs[l.sha256] = l.canonical
		}
	}
	for _, res := range results {
		for _, e := range res.Evidence {
			if _, ok := u.Inputs[e.SHA256]; ok {
				continue
			}
			b, err := fs.ReadFile(r.FS, e.File)
			if err != nil {
				continue // the store then refuses the run, naming the missing blob
			}
			if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) == e.SHA256 {
				u.Inputs[e.SHA256] = b
			}
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
func canonicalBytes(v any, repeats map[*map[string]any]int) ([]byte, string, error) {
	var buf bytes.Buffer
	if err := canonical.WriteRepeats(&buf, v, repeats); err != nil {
		return nil, "", err
	}
	b := buf.Bytes()
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}
