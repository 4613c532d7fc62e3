package command

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// storeOptions name the evidence store: --store, else SOCLE_STORE, else the
// socle block's store, else store.DefaultURL; a relative sqlite:// path is
// relative to the policy repository.
type storeOptions struct {
	store string
}

func (o *storeOptions) addStoreFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.store, "store", "", "the evidence store: sqlite://PATH (relative to the policy repository unless absolute) or postgres://…; default SOCLE_STORE, else the socle block's store, else "+store.DefaultURL)
}

// explicit is the store URL the command line or the environment gives, if any.
func (o *storeOptions) explicit() string {
	if o.store != "" {
		return o.store
	}
	return os.Getenv("SOCLE_STORE")
}

// open opens the store at url (or, when url is "", at the repository's
// setting or the default), relative to the policy repository dir.
func openStore(ctx context.Context, url, setting, dir string) (store.Store, error) {
	if url == "" {
		url = setting
	}
	if url == "" {
		url = store.DefaultURL
	}
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		return nil, &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	return s, nil
}

// recordRun appends an evaluated run (socle eval --record).
// With a signer, the recorded run's hash is signed and the signature stored.
func recordRun(ctx context.Context, stderr io.Writer, s store.Store, doc *result.Document, signer ed25519.PrivateKey) error {
	run, err := store.FromDocument(doc)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("the run was not recorded: %v", err)}
	}
	info, err := s.Append(ctx, run)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("the run was not recorded: %v", err)}
	}
	notef(stderr, "Recorded run %s in %s: %s, chain position #%d, hash %s.\n",
		doc.Run.ID, s.Location(), plural(len(run.Records), "record", "records"), info.Seq, info.Hash)
	if signer == nil {
		return nil
	}
	sig, err := store.SignRun(info, signer)
	if err == nil {
		err = s.AppendSignature(ctx, sig)
	}
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: fmt.Sprintf("run %s was recorded but not signed: %v", doc.Run.ID, err)}
	}
	notef(stderr, "Signed run %s with key %s.\n", doc.Run.ID, sig.KeyID)
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// evidenceOptions are the flags every evidence subcommand shares.
type evidenceOptions struct {
	storeOptions
	repo string
}

// open opens the store to read it. Unlike eval --record, it never creates a
// SQLite file: a store that is not there is a mistake to report.
func (o *evidenceOptions) open(ctx context.Context, stderr io.Writer) (store.Store, error) {
	url := o.explicit()
	if url == "" {
		var err error
		if url, err = o.setting(stderr); err != nil {
			return nil, err
		}
	}
	loc, err := store.ParseURL(url, o.repo)
	if err != nil {
		return nil, usageError("%s", err)
	}
	if loc.Backend == store.BackendSQLite {
		if _, err := os.Stat(loc.Path); errors.Is(err, fs.ErrNotExist) {
			return nil, usageError("no evidence store at %s (%s): socle eval --record creates it; name another store with --store or SOCLE_STORE", loc.Display, loc.Path)
		}
	}
	return openStore(ctx, url, "", o.repo)
}

// setting is the store the policy repository's socle block names, or the
// default.
func (o *evidenceOptions) setting(stderr io.Writer) (string, error) {
	repo, diags := evaluator.Load(settingsOptions(o.repo))
	if diags.HasErrors() || repo == nil {
		var sources map[string][]byte
		if repo != nil {
			sources = repo.Sources()
		}
		(&repoOptions{}).printDiags(stderr, sources, diags)
		return "", usageError("cannot read the evidence store's URL from the policy repository %s; name the store with --store or SOCLE_STORE, or point --repo at the repository", o.repo)
	}
	if repo.Settings.Store != "" {
		return repo.Settings.Store, nil
	}
	return store.DefaultURL, nil
}

func newEvidence(io IO) *cobra.Command {
	o := &evidenceOptions{}
	cmd := &cobra.Command{
		Use:   "evidence",
		Short: "Read and verify the evidence store: runs, records, the hash chain",
		Long: `evidence reads the store that socle eval --record appends to: each run with one
record per control and target, chained by hash to the run before it.

The store is --store, else SOCLE_STORE, else the socle block's store in the policy
repository (--repo, default the current directory), else ` + store.DefaultURL + `
in that repository.`,
	}
	cmd.PersistentFlags().StringVar(&o.repo, "repo", ".", "the policy repository: its socle block names the store, and relative sqlite:// paths are relative to it")
	o.addStoreFlags(cmd.PersistentFlags())
	cmd.AddCommand(newEvidenceList(io, o), newEvidenceShow(io, o), newEvidenceVerify(io, o), newEvidenceExport(io, o), newEvidenceKeygen(io))
	return cmd
}

type evidenceListOptions struct {
	*evidenceOptions
	control, objective, status, target, period string
	runGroup                                   string
	records, groups                            bool
	format                                     string
}

func newEvidenceList(io IO, parent *evidenceOptions) *cobra.Command {
	o := &evidenceListOptions{evidenceOptions: parent}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the recorded runs (or, with --records, their records)",
		Long: `list prints the runs of the evidence store, oldest first, with the count of their
records by status. With --records it prints one line per record instead, with the
id socle evidence show takes.

Filters select the records (and the runs holding at least one): --control (a label,
a ref, or a counted control's label for all its instances), --objective (a label or
ref), --status, --target, and --period FROM..TO (dates, both days included, either
end may be left open) on the runs' as-of time.

Runs recorded with a run group (socle eval --run-group, --shard I/N) show their
group and shard; --run-group selects one group's runs, and --groups lists the
groups instead: one line per group with its shards (how many of how many were
recorded), records and statuses.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.control, "control", "", "only records of this control: a label or a ref")
	f.StringVar(&o.objective, "objective", "", "only records of this control objective: a label or a ref")
	f.StringVar(&o.status, "status", "", "only records with this status: pass, fail, not_tested or error")
	f.StringVar(&o.target, "target", "", "only records of this target (aws.staging)")
	f.StringVar(&o.period, "period", "", "only runs as of FROM..TO (YYYY-MM-DD, inclusive; FROM.. or ..TO leave an end open)")
	f.StringVar(&o.runGroup, "run-group", "", "only runs (and records) of this run group (socle eval --run-group)")
	f.BoolVar(&o.records, "records", false, "list records instead of runs")
	f.BoolVar(&o.groups, "groups", false, "list run groups instead of runs: each group's shards, records and statuses")
	f.StringVar(&o.format, "format", "text", "text or json")
	return cmd
}

func (o *evidenceListOptions) run(ctx context.Context, io IO) error {
	filter := store.Filter{Control: o.control, Objective: o.objective, Target: o.target, RunGroup: o.runGroup}
	if o.records && o.groups {
		return usageError("--records and --groups list different things: give one")
	}
	if o.status != "" {
		if err := checkChoice("--status", o.status, "pass", "fail", "not_tested", "error"); err != nil {
			return err
		}
		filter.Status = result.Status(o.status)
	}
	if o.period != "" {
		var err error
		if filter.From, filter.To, err = parsePeriod(o.period); err != nil {
			return usageError("%s", err)
		}
	}
	if err := checkChoice("--format", o.format, "text", "json"); err != nil {
		return err
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	if o.records {
		recs, err := s.Records(ctx, filter)
		if err != nil {
			return &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		return o.printRecords(io, s, recs)
	}
	runs, err := s.Runs(ctx, filter)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	if o.groups {
		return o.printGroups(io, s, runs)
	}
	return o.printRuns(io, s, runs)
}

// runGroup is one run group as socle evidence list --groups shows it.
type runGroup struct {
	Group   string         `json:"run_group"`
	Runs    int            `json:"runs"`
	Shards  int            `json:"shards"` // distinct shard indexes recorded
	Of      int            `json:"shard_count"`
	Records int            `json:"records"`
	Summary result.Summary `json:"summary"` // of the records the filters matched
	AsOf    time.Time      `json:"first_as_of"`
	Seqs    []int64        `json:"seqs"`
}

// groupsOf gathers the runs with a run group by group, in the order of
// their first run.
func groupsOf(runs []store.RunInfo) []*runGroup {
	var out []*runGroup
	by := map[string]*runGroup{}
	shards := map[string]map[int]bool{}
	for _, r := range runs {
		h := r.Header
		if h.RunGroup == "" {
			continue
		}
		g := by[h.RunGroup]
		if g == nil {
			g = &runGroup{Group: h.RunGroup, AsOf: h.AsOf}
			by[h.RunGroup] = g
			shards[h.RunGroup] = map[int]bool{}
			out = append(out, g)
		}
		g.Runs++
		g.Records += h.Records
		g.Seqs = append(g.Seqs, r.Seq)
		g.Summary.Pass += r.Counts.Pass
		g.Summary.Fail += r.Counts.Fail
		g.Summary.Error += r.Counts.Error
		g.Summary.NotTested += r.Counts.NotTested
		if h.AsOf.Before(g.AsOf) {
			g.AsOf = h.AsOf
		}
		if h.Shard != nil {
			shards[h.RunGroup][h.Shard.Index] = true
			g.Of = max(g.Of, h.Shard.Count)
		}
		g.Shards = len(shards[h.RunGroup])
	}
	return out
}

func (o *evidenceListOptions) printGroups(io IO, s store.Store, runs []store.RunInfo) error {
	groups := groupsOf(runs)
	if o.format == "json" {
		if groups == nil {
			groups = []*runGroup{}
		}
		return writeJSON(io.Stdout, groups)
	}
	if len(groups) == 0 {
		notef(io.Stderr, "No run groups in %s match: runs are grouped when recorded with socle eval --record --run-group (or --shard).\n", s.Location())
		return nil
	}
	tw := tabwriter.NewWriter(io.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tRUNS\tSHARDS\tFIRST AS OF\tRECORDS\tPASS\tFAIL\tERROR\tNOT TESTED")
	for _, g := range groups {
		shards := "-"
		if g.Of > 0 {
			shards = fmt.Sprintf("%d of %d", g.Shards, g.Of)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%d\t%d\t%d\t%d\n", g.Group, g.Runs, shards, stamp(g.AsOf), g.Records,
			g.Summary.Pass, g.Summary.Fail, g.Summary.Error, g.Summary.NotTested)
	}
	return tw.Flush()
}

// parsePeriod reads FROM..TO (dates, both included): the instants [FROM, TO+1 day).
func parsePeriod(s string) (from, to time.Time, err error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok || (a == "" && b == "") {
		return from, to, fmt.Errorf("invalid --period %q: write FROM..TO with dates, as 2026-01-01..2026-06-30 (FROM.. or ..TO leave an end open)", s)
	}
	if a != "" {
		if from, err = time.Parse(time.DateOnly, a); err != nil {
			return from, to, fmt.Errorf("invalid --period %q: %q is not a date (YYYY-MM-DD)", s, a)
		}
	}
	if b != "" {
		if to, err = time.Parse(time.DateOnly, b); err != nil {
			return from, to, fmt.Errorf("invalid --period %q: %q is not a date (YYYY-MM-DD)", s, b)
		}
		if !from.IsZero() && to.Before(from) {
			return from, to, fmt.Errorf("invalid --period %q: it ends before it starts", s)
		}
		to = to.AddDate(0, 0, 1)
	}
	return from, to, nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (o *evidenceListOptions) printRuns(io IO, s store.Store, runs []store.RunInfo) error {
	if o.format == "json" {
		type runJSON struct {
			Seq        int64             `json:"seq"`
			ID         string            `json:"id"`
			AsOf       time.Time         `json:"as_of"`
			StartedAt  time.Time         `json:"started_at"`
			RecordedAt time.Time         `json:"recorded_at"`
			Records    int               `json:"records"`
			Summary    result.Summary    `json:"summary"` // of the records the filters matched
			Hash       string            `json:"hash"`
			PrevHash   string            `json:"prev_hash"`
			Context    map[string]string `json:"context"`
			RunGroup   string            `json:"run_group,omitempty"`
			Shard      *result.Shard     `json:"shard,omitempty"`
		}
		out := make([]runJSON, len(runs))
		for i, r := range runs {
			out[i] = runJSON{Seq: r.Seq, ID: r.Header.ID, AsOf: r.Header.AsOf, StartedAt: r.Header.StartedAt, RecordedAt: r.RecordedAt,
				Records: r.Header.Records, Summary: r.Counts, Hash: r.Hash, PrevHash: r.PrevHash, Context: r.Header.Context,
				RunGroup: r.Header.RunGroup, Shard: r.Header.Shard}
		}
		return writeJSON(io.Stdout, out)
	}
	if len(runs) == 0 {
		notef(io.Stderr, "No runs in %s match.%s\n", s.Location(), o.suggestion(io, s))
		return nil
	}
	tw := tabwriter.NewWriter(io.Stdout, 0, 0, 2, ' ', 0)
	// The group columns only when some run has a group.
	grouped := slices.ContainsFunc(runs, func(r store.RunInfo) bool { return r.Header.RunGroup != "" })
	groupCols := func(r store.RunInfo) string {
		if !grouped {
			return ""
		}
		g, sh := r.Header.RunGroup, "-"
		if g == "" {
			g = "-"
		}
		if r.Header.Shard != nil {
			sh = r.Header.Shard.String()
		}
		return "\t" + g + "\t" + sh
	}
	header := "#\tRUN\tAS OF\tRECORDED\tRECORDS\tPASS\tFAIL\tERROR\tNOT TESTED"
	if grouped {
		header += "\tGROUP\tSHARD"
	}
	fmt.Fprintln(tw, header)
	for _, r := range runs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d%s\n", r.Seq, r.Header.ID, stamp(r.Header.AsOf), stamp(r.RecordedAt),
			r.Header.Records, r.Counts.Pass, r.Counts.Fail, r.Counts.Error, r.Counts.NotTested, groupCols(r))
	}
	return tw.Flush()
}

func (o *evidenceListOptions) printRecords(io IO, s store.Store, recs []store.RecordInfo) error {
	if o.format == "json" {
		type recordJSON struct {
			ID           string        `json:"id"`
			RunID        string        `json:"run_id"`
			AsOf         time.Time     `json:"as_of"`
			Control      string        `json:"control"`
			ControlRef   string        `json:"control_ref"`
			Objective    string        `json:"objective"`
			ObjectiveRef string        `json:"objective_ref"`
			Target       string        `json:"target"`
			Status       result.Status `json:"status"`
			SHA256       string        `json:"sha256"`
		}
		out := make([]recordJSON, len(recs))
		for i, r := range recs {
			out[i] = recordJSON{ID: r.ID, RunID: r.RunID, AsOf: r.AsOf, Control: r.Control, ControlRef: r.ControlRef,
				Objective: r.Objective, ObjectiveRef: r.ObjectiveRef, Target: r.Target, Status: r.Status, SHA256: r.SHA256}
		}
		return writeJSON(io.Stdout, out)
	}
	if len(recs) == 0 {
		notef(io.Stderr, "No records in %s match.%s\n", s.Location(), o.suggestion(io, s))
		return nil
	}
	tw := tabwriter.NewWriter(io.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RECORD\tAS OF\tCONTROL\tREF\tTARGET\tSTATUS")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, stamp(r.AsOf), r.Control, r.ControlRef, r.Target, r.Status)
	}
	return tw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return &exitError{code: result.ExitConfig, msg: "writing the list: " + err.Error()}
	}
	return nil
}

type evidenceShowOptions struct {
	*evidenceOptions
	canonical bool
}

func newEvidenceShow(io IO, parent *evidenceOptions) *cobra.Command {
	o := &evidenceShowOptions{evidenceOptions: parent}
	cmd := &cobra.Command{
		Use:   "show RECORD_ID",
		Short: "Print one evidence record",
		Long: `show prints a stored evidence record (RUN_ID/N, as socle evidence list --records
prints it), indented; with --canonical, exactly the bytes whose sha256 the store
keeps (pipe them to sha256sum to check the hash by hand). It exits 1 when the record
does not match its stored hash.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), io, args[0])
		},
	}
	cmd.Flags().BoolVar(&o.canonical, "canonical", false, "print the record's canonical JSON as stored, unindented")
	return cmd
}

func (o *evidenceShowOptions) run(ctx context.Context, io IO, id string) error {
	if _, _, err := store.ParseRecordID(id); err != nil {
		return usageError("%s", err)
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	rec, err := s.Record(ctx, id)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	out := rec.Canonical
	if !o.canonical {
		var buf bytes.Buffer
		if err := json.Indent(&buf, rec.Canonical, "", "  "); err == nil {
			out = buf.Bytes()
		}
	}
	if _, err := io.Stdout.Write(append(out, '\n')); err != nil {
		return &exitError{code: result.ExitConfig, msg: "writing the record: " + err.Error()}
	}
	sum := sha256.Sum256(rec.Canonical)
	if got := hex.EncodeToString(sum[:]); got != rec.SHA256 {
		return &exitError{code: result.ExitFailed, msg: fmt.Sprintf("record %s does not match its stored sha256 %s (its content hashes to %s): it was edited; run socle evidence verify", id, rec.SHA256, got)}
	}
	return nil
}

type evidenceVerifyOptions struct {
	*evidenceOptions
	pubKey            string
	requireSignatures bool
	bundle            string
}

func newEvidenceVerify(io IO, parent *evidenceOptions) *cobra.Command {
	o := &evidenceVerifyOptions{evidenceOptions: parent}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Recompute every hash and walk the chain; report the first problem",
		Long: `verify recomputes the hash of every record from its stored bytes, of every run
from its header and records, and walks the chain from the first run to the head; it
checks that every input document and policy module set a record needs is stored and
matches its hash.

With --pub-key (an ed25519 public key in PEM, as socle evidence keygen writes), it
also checks every run's signature (socle eval --record --sign-key) with that key: a
signature that does not verify is a problem; a run without one is a warning, or a
problem with --require-signatures.

With --bundle DIR, it checks a bundle written by socle evidence export instead of a
store, offline: every record, run and blob hash, the chain links inside the bundle,
and with --pub-key every signature.

Exit codes: 0 the store (or bundle) is intact; 1 it is not (the first problem is
named: the run, the record or the blob, what was expected and what was found); 2 the
store could not be opened or read, or a key or the bundle's manifest is unreadable.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pubKey, "pub-key", "", "also check every run's signature with this ed25519 public key (PEM)")
	f.BoolVar(&o.requireSignatures, "require-signatures", false, "with --pub-key, a run without a signature is a problem, not a warning")
	f.StringVar(&o.bundle, "bundle", "", "verify this exported bundle directory instead of the store")
	return cmd
}

func (o *evidenceVerifyOptions) run(ctx context.Context, io IO) error {
	if o.requireSignatures && o.pubKey == "" {
		return usageError("--require-signatures needs --pub-key, the key to check the signatures with")
	}
	var pub ed25519.PublicKey
	if o.pubKey != "" {
		var err error
		if pub, err = store.LoadPublicKey(o.pubKey); err != nil {
			return usageError("%s", err)
		}
	}
	if o.bundle != "" {
		if o.store != "" {
			return usageError("--bundle verifies a bundle, --store a store: give one")
		}
		return o.verifyBundle(io, pub)
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgress(io.Stderr)
	rep, err := s.Verify(store.WithProgress(ctx, bar.Func("verifying runs")))
	bar.Done()
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	counts := fmt.Sprintf("%s, %s, %s", plural(rep.Runs, "run", "runs"), plural(rep.Records, "record", "records"), plural(rep.Blobs, "blob", "blobs"))
	if p := rep.Problem; p != nil {
		return &exitError{code: result.ExitFailed, msg: fmt.Sprintf("the evidence store %s is not intact. %s\n(Intact before it: %s.)", s.Location(), p.Message, counts)}
	}
	signed := ""
	if pub != nil {
		runs, err := s.Runs(ctx, store.Filter{})
		if err != nil {
			return &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		sigs, err := s.Signatures(ctx)
		if err != nil {
			return &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		unsigned, p := store.CheckSignatures(runs, sigs, pub)
		if p != nil {
			return &exitError{code: result.ExitFailed, msg: fmt.Sprintf("the evidence store %s is not intact. %s", s.Location(), p.Message)}
		}
		if err := o.unsigned(io, unsigned); err != nil {
			return err
		}
		signed = fmt.Sprintf("; %s signed with key %s", plural(len(runs)-len(unsigned), "run", "runs"), store.KeyID(pub))
	}
	fmt.Fprintf(io.Stdout, "The evidence store %s is intact: %s; head #%d %s%s.\n", s.Location(), counts, rep.Head.Seq, rep.Head.Hash, signed)
	return nil
}

// unsigned warns of runs without a signature, or fails with
// --require-signatures.
func (o *evidenceVerifyOptions) unsigned(io IO, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s no signature: %s", plural(len(ids), "run has", "runs have"), strings.Join(ids, ", "))
	if o.requireSignatures {
		return &exitError{code: result.ExitFailed, msg: msg + " (--require-signatures)."}
	}
	fmt.Fprintf(io.Stderr, "Warning: %s.\n", msg)
	return nil
}

func (o *evidenceVerifyOptions) verifyBundle(io IO, pub ed25519.PublicKey) error {
	rep, err := store.VerifyBundle(o.bundle, pub)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	counts := fmt.Sprintf("%s, %s, %s", plural(rep.Runs, "run", "runs"), plural(rep.Records, "record", "records"), plural(rep.Blobs, "blob", "blobs"))
	if p := rep.Problem; p != nil {
		return &exitError{code: result.ExitFailed, msg: fmt.Sprintf("the evidence bundle %s is not intact. %s", o.bundle, p.Message)}
	}
	signed := "; signatures not checked (no --pub-key)"
	if pub != nil {
		if err := o.unsigned(io, rep.Unsigned); err != nil {
			return err
		}
		signed = fmt.Sprintf("; %s signed with key %s", plural(rep.Signatures, "run", "runs"), store.KeyID(pub))
	}
	fmt.Fprintf(io.Stdout, "The evidence bundle %s is intact: %s; last run #%d %s%s.\n", o.bundle, counts, rep.Head.Seq, rep.Head.Hash, signed)
	return nil
}

type evidenceExportOptions struct {
	*evidenceOptions
	output, period string
}

func newEvidenceExport(io IO, parent *evidenceOptions) *cobra.Command {
	o := &evidenceExportOptions{evidenceOptions: parent}
	cmd := &cobra.Command{
		Use:   "export --output DIR",
		Short: "Write the runs, records, blobs and signatures to a bundle directory to verify offline",
		Long: `export writes a bundle directory that socle evidence verify --bundle checks without
the store: manifest.json, runs/RUN_ID.json, records/RUN_ID/N.json (the canonical
bytes exactly as stored), blobs/SHA256.json and signatures/RUN_ID.dsse.json.

With --period FROM..TO, the bundle holds the chain from the first run as of that
period to the last (every run between, so every link can be checked); without it,
every run. DIR must not exist: the bundle is written whole, or not at all.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "the bundle directory to write (must not exist)")
	f.StringVar(&o.period, "period", "", "only runs as of FROM..TO (YYYY-MM-DD, inclusive; FROM.. or ..TO leave an end open)")
	return cmd
}

func (o *evidenceExportOptions) run(ctx context.Context, io IO) error {
	if o.output == "" {
		return usageError("--output names the bundle directory to write")
	}
	var eo store.ExportOptions
	if o.period != "" {
		var err error
		if eo.From, eo.To, err = parsePeriod(o.period); err != nil {
			return usageError("%s", err)
		}
		eo.PeriodFrom, eo.PeriodTo, _ = strings.Cut(o.period, "..")
	}
	if _, err := os.Lstat(o.output); err == nil {
		return usageError("%s already exists: export writes a new directory", o.output)
	}
	s, err := o.open(ctx, io.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	sum, err := store.Export(ctx, s, o.output, eo)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: "the bundle was not written: " + err.Error()}
	}
	fmt.Fprintf(io.Stdout, "Exported %s, %s, %s and %s from %s to %s.\n", plural(sum.Runs, "run", "runs"), plural(sum.Records, "record", "records"),
		plural(sum.Blobs, "blob", "blobs"), plural(sum.Signatures, "signature", "signatures"), s.Location(), o.output)
	return nil
}

func newEvidenceKeygen(io IO) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "keygen --out DIR",
		Short: "Write a new ed25519 key pair for signing runs: DIR/socle.key and DIR/socle.pub",
		Long: `keygen writes a new ed25519 key pair: DIR/socle.key, the private key (PEM PKCS#8,
mode 0600) for socle eval --record --sign-key, and DIR/socle.pub, the public key
(PEM) for socle evidence verify --pub-key. It never overwrites a key.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usageError("--out names the directory to write the keys to")
			}
			priv, pub, err := store.GenerateKey()
			if err != nil {
				return &exitError{code: result.ExitConfig, msg: err.Error()}
			}
			if err := os.MkdirAll(out, 0o700); err != nil {
				return &exitError{code: result.ExitConfig, msg: err.Error()}
			}
			keyPath, pubPath := filepath.Join(out, "socle.key"), filepath.Join(out, "socle.pub")
			for _, p := range []string{keyPath, pubPath} {
				if _, err := os.Lstat(p); err == nil {
					return usageError("%s already exists: keygen never overwrites a key", p)
				}
			}
			if err := writeNew(keyPath, priv, 0o600); err != nil {
				return err
			}
			if err := writeNew(pubPath, pub, 0o644); err != nil {
				os.Remove(keyPath)
				return err
			}
			fmt.Fprintf(io.Stdout, "Wrote %s (private, keep it secret) and %s (public).\n", keyPath, pubPath)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the directory to write socle.key and socle.pub to")
	return cmd
}

// writeNew creates a file that must not exist, with mode perm.
func writeNew(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // ours, half written
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	return nil
}

// suggestion is a did-you-mean for a --control or --objective filter that
// names nothing the store holds.
func (o *evidenceListOptions) suggestion(io IO, s store.Store) string {
	ctx := context.Background()
	if o.control != "" {
		if m := storeSuggestion(ctx, s, "--control", o.control); m != "" {
			return m
		}
	}
	if o.objective != "" {
		return storeSuggestion(ctx, s, "--objective", o.objective)
	}
	return ""
}

// storeSuggestion suggests, for a --control or --objective value that
// matches no record, the closest control or objective (label or ref) the
// store holds records of; "" when the value names one, or none is close.
func storeSuggestion(ctx context.Context, s store.Store, flag, given string) string {
	recs, err := s.Records(ctx, store.Filter{})
	if err != nil {
		return ""
	}
	seen := map[string]bool{}
	var names []string
	for _, r := range recs {
		pair := []string{r.Control, controlBase(r.Control), r.ControlRef}
		if flag == "--objective" {
			pair = []string{r.Objective, r.ObjectiveRef}
		}
		for _, n := range pair {
			if n != "" && !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	if seen[given] {
		return ""
	}
	if c, ok := addrs.Closest(given, names); ok {
		return fmt.Sprintf(" Did you mean %s %q?", flag, c)
	}
	return ""
}

// controlBase is a control label without its instance key.
func controlBase(label string) string {
	name, _, _ := strings.Cut(label, "[")
	return name
}
