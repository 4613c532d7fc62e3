package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/result"
)

// The kill test re-executes the test binary as a recorder: with these
// variables set, TestMain appends runs until it is killed.
const (
	helperEnv    = "SOCLE_STORE_TEST_RECORDER_URL"
	helperBase   = "SOCLE_STORE_TEST_RECORDER_BASE"
	helperPrefix = "SOCLE_STORE_TEST_RECORDER_PREFIX"
)

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(recordForever())
	}
	os.Exit(m.Run())
}

// recordForever appends runs, each with a new input document of a few hundred
// kilobytes (so that a kill often lands inside a write), printing a line after
// each.
func recordForever() int {
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv(helperEnv), os.Getenv(helperBase))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	prefix := os.Getenv(helperPrefix)
	f := fixture{panicker{}}
	for i := 0; ; i++ {
		doc := f.document(fmt.Sprintf("%s-%d", prefix, i), day(i), i)
		bigInput(doc, prefix, i)
		run, err := FromDocument(doc)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if _, err := s.Append(ctx, run); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("appended %s\n", run.Header.ID)
	}
}

// bigInput replaces the document's input with a large one of its own.
func bigInput(doc *result.Document, prefix string, i int) {
	users := make([]any, 3000)
	for j := range users {
		users[j] = map[string]any{"arn": fmt.Sprintf("arn:aws:iam::1:user/%s-%d-%d", prefix, i, j), "mfa": j%7 != 0}
	}
	data, err := canonical.Marshal(map[string]any{"users": users})
	if err != nil {
		panic(err)
	}
	b := InputBlob(data)
	old := doc.Results[0].InputSHA256["aws"]
	delete(doc.Used.Inputs, old)
	doc.Used.Inputs[b.SHA256] = data
	for _, r := range doc.Results {
		if r.InputSHA256["aws"] == old {
			r.InputSHA256["aws"] = b.SHA256
		}
	}
}

// TestKillRecorder SIGKILLs a recorder at random moments, about 20 times per
// backend: after each kill the store verifies, and every run in it is whole
// (Verify checks each run's records against its header and hash).
func TestKillRecorder(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			h := b.new(t)
			const kills = 20
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
			start := time.Now()
			total := 0
			for k := range kills {
				appended := recordUntilKilled(t, h, fmt.Sprintf("k%02d", k), time.Duration(rng.IntN(60))*time.Millisecond)
				s := h.open(t)
				rep, err := s.Verify(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Problem != nil {
					t.Fatalf("after kill %d: %s", k, rep.Problem.Message)
				}
				// Every run the recorder reported is there; at most one
				// more (committed, killed before it could say so).
				runs, err := s.Runs(ctx, Filter{})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, r := range runs {
					if strings.HasPrefix(r.Header.ID, fmt.Sprintf("k%02d-", k)) {
						n++
						if r.Header.Records != 4 || r.Counts.Pass+r.Counts.Fail+r.Counts.Error+r.Counts.NotTested != 4 {
							t.Errorf("run %s is not whole: %+v", r.Header.ID, r)
						}
					}
				}
				if n != appended && n != appended+1 {
					t.Errorf("kill %d: the recorder reported %d runs, the store holds %d", k, appended, n)
				}
				total = rep.Runs
				s.Close()
			}
			if total == 0 {
				t.Error("the recorder never appended a run")
			}
			t.Logf("%d kills, %d runs recorded, %s", kills, total, time.Since(start).Round(time.Millisecond))
		})
	}
}

// recordUntilKilled starts a recorder, lets it append its first run, waits
// for the given time and kills it with SIGKILL. It returns how many runs the
// recorder reported appended.
func recordUntilKilled(t *testing.T, h *harness, prefix string, wait time.Duration) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+h.url, helperBase+"="+h.base, helperPrefix+"="+prefix)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	appended := 0
	select {
	case _, ok := <-lines:
		if !ok {
			cmd.Wait()
			t.Fatalf("the recorder stopped before appending: %s", stderr.String())
		}
		appended++
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the recorder appended nothing in 30s: %s", stderr.String())
	}
	deadline := time.After(wait)
wait:
	for {
		select {
		case _, ok := <-lines:
			if !ok {
				break wait
			}
			appended++
		case <-deadline:
			break wait
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for range lines {
		appended++ // lines already written before the kill
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the recorder was not killed (%v): %s", err, stderr.String())
	}
	return appended
}
