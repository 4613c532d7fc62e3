package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Genesis is the hash the first run of a store links to.
var Genesis = strings.Repeat("0", 64)

// RunHash is a run's hash, the link the next run points to: the hex sha256 of
//
//	"socle-run-v1\n" + prevHash + "\n" + header + "\n" + recordHash[0] + "\n" + … + recordHash[n-1] + "\n"
//
// where prevHash is the hash of the run before it in the store (Genesis for the
// first), header the run header's canonical JSON, and recordHash the hex sha256
// of each record's canonical JSON, in record order. Canonical JSON holds no raw
// newline, so the lines cannot be confused with each other.
func RunHash(prevHash string, header []byte, recordHashes []string) string {
	h := sha256.New()
	h.Write([]byte("socle-run-v1\n"))
	h.Write([]byte(prevHash))
	h.Write([]byte{'\n'})
	h.Write(header)
	h.Write([]byte{'\n'})
	for _, r := range recordHashes {
		h.Write([]byte(r))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// isHash tells whether s is a lowercase hex sha256.
func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
