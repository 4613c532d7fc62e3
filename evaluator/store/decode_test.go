package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestDecodeRefusesAnAlteredRecord(t *testing.T) {
	body := []byte(`{"record_version":"1","status":"pass"}`)
	sum := sha256.Sum256(body)
	r := &StoredRecord{RecordInfo: RecordInfo{ID: "run/1", SHA256: hex.EncodeToString(sum[:])}, Canonical: body}
	if rec, err := r.Decode(); err != nil || rec.Status != "pass" {
		t.Fatalf("an intact record: %v %v", rec, err)
	}
	r.Canonical = []byte(`{"record_version":"1","status":"fail"}`)
	if _, err := r.Decode(); err == nil || !strings.Contains(err.Error(), "does not match its hash") {
		t.Errorf("an altered record: %v", err)
	}
}
