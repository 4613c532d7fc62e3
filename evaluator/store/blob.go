package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/result"
)

// Blob kinds.
const (
	// BlobInput is an input document's canonical JSON, keyed by its sha256
	// (a record's input_sha256).
	BlobInput = "input"
	// BlobPolicy is the canonical JSON of a policy package's modules,
	// {"modules":[{"path","sha256","source"},…]} sorted by path, keyed by the
	// package's policy sha256 (a record's policy.sha256): the sha256 of the
	// lines "<module sha256>  <path>\n".
	BlobPolicy = "policy"
)

// Blob is content a record refers to by hash.
type Blob struct {
	SHA256 string
	Kind   string // BlobInput or BlobPolicy
	Data   []byte // canonical JSON
}

// InputBlob is the blob of an input document's canonical JSON.
func InputBlob(canonicalJSON []byte) Blob {
	return Blob{SHA256: sha256Hex(canonicalJSON), Kind: BlobInput, Data: canonicalJSON}
}

// policyBlob is the JSON shape of a policy blob.
type policyBlob struct {
	Modules []policyModule `json:"modules"`
}

type policyModule struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Source string `json:"source"`
}

// PolicyBlob is the blob of a policy package's modules.
func PolicyBlob(mods []result.Module) (Blob, error) {
	sorted := slices.Clone(mods)
	slices.SortFunc(sorted, func(a, b result.Module) int { return strings.Compare(a.Path, b.Path) })
	list := make([]any, len(sorted))
	for i, m := range sorted {
		if !utf8.Valid(m.Source) {
			return Blob{}, fmt.Errorf("policy module %s is not UTF-8 text", m.Path)
		}
		list[i] = map[string]any{"path": m.Path, "sha256": m.SHA256, "source": string(m.Source)}
	}
	data, err := canonical.Marshal(map[string]any{"modules": list})
	if err != nil {
		return Blob{}, err
	}
	return Blob{SHA256: ModuleSetSHA256(sorted), Kind: BlobPolicy, Data: data}, nil
}

// ModuleSetSHA256 is the policy hash of a set of modules: the sha256 of the
// lines "<module sha256>  <path>\n", sorted by path (docs/result-format.md,
// "Hashes").
func ModuleSetSHA256(mods []result.Module) string {
	sorted := slices.Clone(mods)
	slices.SortFunc(sorted, func(a, b result.Module) int { return strings.Compare(a.Path, b.Path) })
	h := sha256.New()
	for _, m := range sorted {
		fmt.Fprintf(h, "%s  %s\n", m.SHA256, m.Path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PolicyModules decodes a policy blob into its modules, sorted by path.
func (b *Blob) PolicyModules() ([]result.Module, error) {
	if b.Kind != BlobPolicy {
		return nil, fmt.Errorf("blob %s is an %s blob, not a policy blob", b.SHA256, b.Kind)
	}
	var pb policyBlob
	dec := json.NewDecoder(bytes.NewReader(b.Data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pb); err != nil {
		return nil, fmt.Errorf("policy blob %s is not a list of modules: %v", b.SHA256, err)
	}
	out := make([]result.Module, len(pb.Modules))
	for i, m := range pb.Modules {
		out[i] = result.Module{Path: m.Path, SHA256: m.SHA256, Source: []byte(m.Source)}
	}
	return out, nil
}

// Check tells whether the blob's content matches its key: an input blob's
// bytes hash to it; a policy blob's modules each hash to their sha256 and the
// set hashes to the key.
func (b *Blob) Check() error {
	switch b.Kind {
	case BlobInput:
		if got := sha256Hex(b.Data); got != b.SHA256 {
			return fmt.Errorf("its content hashes to %s", got)
		}
		return nil
	case BlobPolicy:
		mods, err := b.PolicyModules()
		if err != nil {
			return err
		}
		for _, m := range mods {
			if got := sha256Hex(m.Source); got != m.SHA256 {
				return fmt.Errorf("its module %s hashes to %s, not to the %s it lists", m.Path, got, m.SHA256)
			}
		}
		if got := ModuleSetSHA256(mods); got != b.SHA256 {
			return fmt.Errorf("its modules hash to %s", got)
		}
		return nil
	default:
		return fmt.Errorf("it has an unknown kind %q", b.Kind)
	}
}

// Blob content is stored compressed with zstd; the encoding column leaves room
// for another one later.
const encodingZstd = "zstd"

// maxBlobSize bounds what decompressing one blob may allocate.
const maxBlobSize = 4 << 30

var codec = sync.OnceValues(func() (*codecs, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxBlobSize))
	if err != nil {
		return nil, err
	}
	return &codecs{enc: enc, dec: dec}, nil
})

type codecs struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func compress(data []byte) ([]byte, error) {
	c, err := codec()
	if err != nil {
		return nil, err
	}
	return c.enc.EncodeAll(data, make([]byte, 0, len(data)/4+64)), nil
}

func decompress(encoding string, data []byte, size int64) ([]byte, error) {
	if encoding != encodingZstd {
		return nil, fmt.Errorf("unknown encoding %q (written by a newer socle?)", encoding)
	}
	if size < 0 || size > maxBlobSize {
		return nil, fmt.Errorf("its recorded size %d is out of range", size)
	}
	c, err := codec()
	if err != nil {
		return nil, err
	}
	out, err := c.dec.DecodeAll(data, make([]byte, 0, size))
	if err != nil {
		return nil, fmt.Errorf("its content does not decompress: %v", err)
	}
	if int64(len(out)) != size {
		return nil, fmt.Errorf("it decompresses to %d bytes, not the %d recorded", len(out), size)
	}
	return out, nil
}
