package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Signing: a run's hash is signed with an ed25519 key, as a DSSE envelope
// (https://github.com/secure-systems-lab/dsse) whose payload is an in-toto
// Statement v1 naming the run and its hash. docs/evidence-store.md, Signing.

// DSSE and in-toto constants.
const (
	PayloadType         = "application/vnd.in-toto+json"
	StatementType       = "https://in-toto.io/Statement/v1"
	RunPredicateType    = "https://socle.dev/evidence-run/v1"
	RunSubjectPrefix    = "socle-run/"
	ProblemSignatureBad = "signature_invalid" // a stored or exported signature does not verify
	ProblemUnsigned     = "unsigned"          // a run has no signature (an error only when signatures are required)
)

// Envelope is a DSSE envelope.
type Envelope struct {
	PayloadType string              `json:"payloadType"`
	Payload     string              `json:"payload"` // standard base64
	Signatures  []EnvelopeSignature `json:"signatures"`
}

// EnvelopeSignature is one signature of a DSSE envelope.
type EnvelopeSignature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"` // standard base64
}

// Statement is an in-toto Statement v1 about one run.
type Statement struct {
	Type          string       `json:"_type"`
	Subject       []Subject    `json:"subject"`
	PredicateType string       `json:"predicateType"`
	Predicate     RunPredicate `json:"predicate"`
}

// Subject is an in-toto subject.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// RunPredicate describes the signed run.
type RunPredicate struct {
	RunID        string    `json:"run_id"`
	Seq          int64     `json:"seq"`
	PrevHash     string    `json:"prev_hash"`
	AsOf         time.Time `json:"as_of"`
	Records      int       `json:"records"`
	SocleVersion string    `json:"socle_version"`
}

// Signature is a run's stored signature.
type Signature struct {
	RunSeq   int64
	RunID    string
	KeyID    string
	Envelope []byte // the DSSE envelope's JSON
}

// PAE is DSSE's pre-authentication encoding of a payload, the bytes signed:
//
//	"DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload
func PAE(payloadType string, payload []byte) []byte {
	b := []byte("DSSEv1 " + strconv.Itoa(len(payloadType)) + " " + payloadType + " " + strconv.Itoa(len(payload)) + " ")
	return append(b, payload...)
}

// KeyID is the hex sha256 of a public key's PKIX DER encoding.
func KeyID(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic(err) // an ed25519 key always marshals
	}
	return sha256Hex(der)
}

// GenerateKey makes a new key pair as PEM: a PKCS#8 private key and a PKIX
// public key.
func GenerateKey() (privPEM, pubPEM []byte, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	p8, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8}), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// LoadPrivateKey reads a PEM PKCS#8 ed25519 private key.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the signing key: %v", err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("the signing key %s is not PEM: give a PKCS#8 ed25519 private key (-----BEGIN PRIVATE KEY-----), as socle evidence keygen writes", path)
	}
	if block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("the signing key %s is a PEM %q block: give a PKCS#8 ed25519 private key (-----BEGIN PRIVATE KEY-----), as socle evidence keygen writes", path, block.Type)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the signing key %s is not a valid PKCS#8 private key: %v", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the signing key %s is a %T, not an ed25519 key: socle signs with ed25519 only", path, k)
	}
	return priv, nil
}

// LoadPublicKey reads a PEM PKIX ed25519 public key.
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the public key: %v", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PUBLIC KEY" {
		return nil, fmt.Errorf("the public key %s is not a PEM public key (-----BEGIN PUBLIC KEY-----), as socle evidence keygen writes", path)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the public key %s is not a valid PKIX public key: %v", path, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the public key %s is a %T, not an ed25519 key", path, k)
	}
	return pub, nil
}

// StatementOf is the statement a run's signature makes.
func StatementOf(ri *RunInfo) Statement {
	return Statement{
		Type:          StatementType,
		Subject:       []Subject{{Name: RunSubjectPrefix + ri.Header.ID, Digest: map[string]string{"sha256": ri.Hash}}},
		PredicateType: RunPredicateType,
		Predicate: RunPredicate{
			RunID:        ri.Header.ID,
			Seq:          ri.Seq,
			PrevHash:     ri.PrevHash,
			AsOf:         ri.Header.AsOf.UTC(),
			Records:      ri.Header.Records,
			SocleVersion: ri.Header.SocleVersion,
		},
	}
}

// SignRun signs a stored run: the DSSE envelope of its statement.
func SignRun(ri *RunInfo, priv ed25519.PrivateKey) (*Signature, error) {
	payload, err := json.Marshal(StatementOf(ri))
	if err != nil {
		return nil, err
	}
	env := Envelope{
		PayloadType: PayloadType,
		Payload:     base64.StdEncoding.EncodeToString(payload),
		Signatures: []EnvelopeSignature{{
			KeyID: KeyID(priv.Public().(ed25519.PublicKey)),
			Sig:   base64.StdEncoding.EncodeToString(ed25519.Sign(priv, PAE(PayloadType, payload))),
		}},
	}
	b, err := json.Marshal(env)
	if err != nil {
		return nil, err
	}
	return &Signature{RunSeq: ri.Seq, RunID: ri.Header.ID, KeyID: env.Signatures[0].KeyID, Envelope: b}, nil
}

// VerifyEnvelope checks that envelope is a DSSE envelope signed by pub whose
// statement names the run (id, seq, hash, prev hash). The error says what is
// wrong.
func VerifyEnvelope(envelope []byte, pub ed25519.PublicKey, runID string, seq int64, hash, prevHash string) error {
	var env Envelope
	if err := json.Unmarshal(envelope, &env); err != nil {
		return fmt.Errorf("the envelope is not valid JSON: %v", err)
	}
	if env.PayloadType != PayloadType {
		return fmt.Errorf("the envelope's payloadType is %q, not %q", env.PayloadType, PayloadType)
	}
	payload, err := base64.StdEncoding.DecodeString(env.Payload)
	if err != nil {
		return fmt.Errorf("the envelope's payload is not base64: %v", err)
	}
	keyID := KeyID(pub)
	signed := false
	for _, s := range env.Signatures {
		sig, err := base64.StdEncoding.DecodeString(s.Sig)
		if err != nil {
			continue
		}
		if ed25519.Verify(pub, PAE(env.PayloadType, payload), sig) {
			signed = true
			break
		}
	}
	if !signed {
		return fmt.Errorf("no signature verifies with the public key %s", keyID)
	}
	var st Statement
	if err := json.Unmarshal(payload, &st); err != nil {
		return fmt.Errorf("the signed payload is not an in-toto statement: %v", err)
	}
	if st.Type != StatementType || st.PredicateType != RunPredicateType {
		return fmt.Errorf("the signed statement is of type %q with predicate %q, not a socle run statement", st.Type, st.PredicateType)
	}
	if len(st.Subject) != 1 || st.Subject[0].Name != RunSubjectPrefix+runID || st.Subject[0].Digest["sha256"] != hash {
		return fmt.Errorf("the signed statement does not name run %s with hash %s (it names %+v)", runID, hash, st.Subject)
	}
	if st.Predicate.RunID != runID || st.Predicate.Seq != seq || st.Predicate.PrevHash != prevHash {
		return fmt.Errorf("the signed statement places the run at #%d after %s, not at #%d after %s", st.Predicate.Seq, st.Predicate.PrevHash, seq, prevHash)
	}
	return nil
}

// CheckSignatures checks every run's signature with pub. It returns the
// first invalid signature as a Problem, and the runs (ids) that have no
// signature.
func CheckSignatures(runs []RunInfo, sigs []Signature, pub ed25519.PublicKey) (unsigned []string, problem *Problem) {
	bySeq := map[int64]Signature{}
	for _, s := range sigs {
		bySeq[s.RunSeq] = s
	}
	for _, ri := range runs {
		s, ok := bySeq[ri.Seq]
		if !ok {
			unsigned = append(unsigned, ri.Header.ID)
			continue
		}
		if err := VerifyEnvelope(s.Envelope, pub, ri.Header.ID, ri.Seq, ri.Hash, ri.PrevHash); err != nil {
			return unsigned, &Problem{Kind: ProblemSignatureBad, RunSeq: ri.Seq, RunID: ri.Header.ID, Expected: KeyID(pub),
				Message: fmt.Sprintf("The signature of run #%d %s does not verify: %v.", ri.Seq, ri.Header.ID, err)}
		}
	}
	return unsigned, nil
}

// AppendSignature stores a run's signature (replacing one it had).
func (s *sqlStore) AppendSignature(ctx context.Context, sig *Signature) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("writing to", err)
	}
	defer tx.Rollback()
	var id string
	if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM socle_runs WHERE seq = ?`), sig.RunSeq).Scan(&id); err != nil {
		return notFoundf("no run #%d in the evidence store %s to sign", sig.RunSeq, s.loc.Display)
	}
	if id != sig.RunID {
		return fmt.Errorf("run #%d of %s is %s, not %s", sig.RunSeq, s.loc.Display, id, sig.RunID)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM socle_signatures WHERE run_seq = ?`), sig.RunSeq); err != nil {
		return s.wrap("writing the signature to", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO socle_signatures (run_seq, run_id, keyid, envelope, signed_at) VALUES (?, ?, ?, ?, ?)`),
		sig.RunSeq, sig.RunID, sig.KeyID, sig.Envelope, formatTime(time.Now())); err != nil {
		return s.wrap("writing the signature to", err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("committing to", err)
	}
	return nil
}

// Signatures lists the stored signatures, in chain order.
func (s *sqlStore) Signatures(ctx context.Context) ([]Signature, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT run_seq, run_id, keyid, envelope FROM socle_signatures ORDER BY run_seq`)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer rows.Close()
	out := []Signature{}
	for rows.Next() {
		var sig Signature
		if err := rows.Scan(&sig.RunSeq, &sig.RunID, &sig.KeyID, &sig.Envelope); err != nil {
			return nil, s.wrap("reading", err)
		}
		out = append(out, sig)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading", err)
	}
	return out, nil
}
