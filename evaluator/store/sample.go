package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Sample is a recorded sample selection (socle sample): enough to show the
// selection again and to reproduce it from the seed and the population.
type Sample struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	Control   string    `json:"control"` // label
	Ref       string    `json:"ref"`
	Target    string    `json:"target"`
	From      string    `json:"from"` // YYYY-MM-DD
	To        string    `json:"to"`   // YYYY-MM-DD, included
	Frequency string    `json:"frequency"`
	Seed      uint64    `json:"seed,string"` // a string in JSON: it may exceed 2^53
	// Size is the size asked for (given or by frequency); the selection
	// holds min(Size, len(Population)) items.
	Size       int          `json:"size"`
	Population []SampleItem `json:"population"` // sorted by key
	Selection  []SampleItem `json:"selection"`  // in selection order
	Algorithm  string       `json:"algorithm"`
	// SocleVersion is the version of socle that drew the sample.
	SocleVersion string `json:"socle_version"`
}

// SampleItem is one occurrence of a population: its key (2026-03-04,
// 2026-W10, 2026-03, 2026-Q1, 2026) and the records that cover it.
type SampleItem struct {
	Key     string   `json:"key"`
	Records []string `json:"records"`
}

// SampleFilter selects recorded samples. Zero fields select everything.
type SampleFilter struct {
	ID      string
	Control string // a label or a ref
	Target  string
}

// AppendSample records a sample. Its ID must be new.
func (s *sqlStore) AppendSample(ctx context.Context, sm *Sample) error {
	if sm.ID == "" {
		return fmt.Errorf("a sample needs an id")
	}
	body, err := json.Marshal(sm)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("writing to", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO socle_samples (id, created_at, control, control_ref, target, period_from, period_to, seed, size, population, selected, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		sm.ID, formatTime(sm.CreatedAt), sm.Control, sm.Ref, sm.Target, sm.From, sm.To, fmt.Sprint(sm.Seed), sm.Size, len(sm.Population), len(sm.Selection), body); err != nil {
		return s.wrap("writing the sample to", err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("committing to", err)
	}
	return nil
}

// Samples lists the recorded samples the filter selects, oldest first.
func (s *sqlStore) Samples(ctx context.Context, f SampleFilter) ([]Sample, error) {
	var conds []string
	var args []any
	if f.ID != "" {
		conds = append(conds, `id = ?`)
		args = append(args, f.ID)
	}
	if f.Control != "" {
		conds = append(conds, `(control = ? OR control_ref = ?)`)
		args = append(args, f.Control, f.Control)
	}
	if f.Target != "" {
		conds = append(conds, `target = ?`)
		args = append(args, f.Target)
	}
	query := `SELECT id, body FROM socle_samples`
	if len(conds) > 0 {
		query += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	query += ` ORDER BY created_at, id`
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer rows.Close()
	out := []Sample{}
	for rows.Next() {
		var id string
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return nil, s.wrap("reading", err)
		}
		var sm Sample
		if err := json.Unmarshal(body, &sm); err != nil {
			return nil, fmt.Errorf("sample %s in %s is not valid JSON: %v", id, s.loc.Display, err)
		}
		out = append(out, sm)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading", err)
	}
	if f.ID != "" && len(out) == 0 {
		return nil, notFoundf("no sample %s in the evidence store %s (socle sample --list lists them)", f.ID, s.loc.Display)
	}
	return out, nil
}
