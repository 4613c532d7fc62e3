package result

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one part of a run split N ways (socle eval --shard I/N): the
// (control, target) pairs whose key hashes to Index modulo Count. Index
// counts from 0, as Kubernetes' JOB_COMPLETION_INDEX does.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

func (s Shard) String() string { return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count) }

// ParseShard reads I/N: 0 <= I < N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	idx, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || strings.HasPrefix(i, "+") || strings.HasPrefix(n, "+") {
		return Shard{}, fmt.Errorf("invalid shard %q: write I/N, the shard's index (from 0) and the number of shards, as 0/4", s)
	}
	if count < 1 {
		return Shard{}, fmt.Errorf("invalid shard %q: the number of shards must be at least 1", s)
	}
	if idx < 0 || idx >= count {
		return Shard{}, fmt.Errorf("invalid shard %q: with %d shards the index is 0 to %d (it counts from 0, as JOB_COMPLETION_INDEX does)", s, count, count-1)
	}
	return Shard{Index: idx, Count: count}, nil
}

// ShardOf is the shard, of n, that holds the pair of a control (its label,
// with any instance key: iam_mfa["eu"]) and a target (its name): the first
// eight bytes of sha256("control." + label, 0x00, target), big-endian,
// modulo n. It depends on nothing but the pair, so adding or removing
// controls or targets moves no other pair between shards.
func ShardOf(control, target string, n int) int {
	if n <= 1 {
		return 0
	}
	h := sha256.New()
	h.Write([]byte("control."))
	h.Write([]byte(control))
	h.Write([]byte{0})
	h.Write([]byte(target))
	var sum [sha256.Size]byte
	return int(binary.BigEndian.Uint64(h.Sum(sum[:0])[:8]) % uint64(n))
}

// Holds tells whether the pair (control label, target name) is in the shard.
func (s Shard) Holds(control, target string) bool {
	return ShardOf(control, target, s.Count) == s.Index
}
