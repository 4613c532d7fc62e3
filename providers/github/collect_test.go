package github

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// A distinctive fake token: the tests search for it everywhere.
const (
	tokenEnv  = "SOCLE_TEST_GITHUB_TOKEN"
	fakeToken = "ghp_S0cLeF4keT0kenN3verPr1nt3dXq9zW2vB7"
)

// apiServer serves a snapshot directory of testdata as the REST API serves
// the same responses: it checks every request's headers and pages members
// two at a time.
type apiServer struct {
	t      *testing.T
	dir    string // the snapshot directory, such as testdata/acme
	org    string
	prefix string // of the API's paths: "/api/v3" on GitHub Enterprise Server

	mu       sync.Mutex
	requests []string
}

func (s *apiServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.RequestURI())
	s.mu.Unlock()
	if got := r.Header.Get("Authorization"); got != "Bearer "+fakeToken {
		s.t.Errorf("%s: Authorization = %q", r.URL, got)
		apiError(w, http.StatusUnauthorized, "Bad credentials")
		return
	}
	if got := r.Header.Get("Accept"); got != "application/vnd.github+json" {
		s.t.Errorf("%s: Accept = %q", r.URL, got)
	}
	if got := r.Header.Get("X-GitHub-Api-Version"); got != "2022-11-28" {
		s.t.Errorf("%s: X-GitHub-Api-Version = %q", r.URL, got)
	}
	if r.Method != http.MethodGet {
		s.t.Errorf("%s %s: only GET is expected", r.Method, r.URL)
	}

	orgPath := "/orgs/" + s.org
	repoPrefix := "/repos/" + s.org + "/"
	switch p := r.URL.Path; {
	case p == orgPath:
		s.file(w, "org.json")
	case p == orgPath+"/members":
		s.paged(w, r, s.list("members.json"), 2)
	case p == orgPath+"/teams":
		s.paged(w, r, s.list("teams.json"), 100)
	case p == orgPath+"/repos":
		if r.URL.Query().Get("type") != "all" {
			s.t.Errorf("%s: want type=all (private and internal repositories too)", r.URL)
		}
		var repos []any
		entries, _ := os.ReadDir(filepath.Join(s.dir, "repos"))
		for _, e := range entries {
			repos = append(repos, s.object("repos/"+e.Name()))
		}
		s.paged(w, r, repos, 100)
	case strings.HasPrefix(p, repoPrefix):
		s.repository(w, r, strings.Split(strings.TrimPrefix(p, repoPrefix), "/"))
	default:
		apiError(w, http.StatusNotFound, "Not Found")
	}
}

// repository serves /repos/{owner}/{repo}/….
func (s *apiServer) repository(w http.ResponseWriter, r *http.Request, path []string) {
	name := path[0]
	if _, err := os.Stat(filepath.Join(s.dir, "repos", name+".json")); err != nil {
		apiError(w, http.StatusNotFound, "Not Found")
		return
	}
	switch {
	case len(path) == 1:
		s.file(w, "repos/"+name+".json")
	case len(path) == 4 && path[1] == "branches" && path[3] == "protection":
		repo := s.object("repos/" + name + ".json").(map[string]any)
		file := "branch_protection/" + name + ".json"
		if _, err := os.Stat(filepath.Join(s.dir, file)); err != nil {
			apiError(w, http.StatusNotFound, "Branch not protected")
			return
		}
		if path[2] != repo["default_branch"] {
			s.t.Errorf("%s: the protection of %q is not the default branch's", r.URL, path[2])
		}
		s.file(w, file)
	case len(path) == 2 && path[1] == "rulesets":
		file := "rulesets/" + name + ".json"
		if _, err := os.Stat(filepath.Join(s.dir, file)); err != nil {
			apiError(w, http.StatusNotFound, "Not Found")
			return
		}
		// The list holds summaries, without conditions, rules and
		// bypass actors.
		var summaries []any
		for _, rs := range s.list(file) {
			summary := map[string]any{}
			for k, v := range rs.(map[string]any) {
				switch k {
				case "conditions", "rules", "bypass_actors", "current_user_can_bypass":
				default:
					summary[k] = v
				}
			}
			summaries = append(summaries, summary)
		}
		s.paged(w, r, summaries, 100)
	case len(path) == 3 && path[1] == "rulesets":
		for _, rs := range s.list("rulesets/" + name + ".json") {
			if rs.(map[string]any)["id"].(json.Number).String() == path[2] {
				writeJSON(w, rs)
				return
			}
		}
		apiError(w, http.StatusNotFound, "Not Found")
	default:
		apiError(w, http.StatusNotFound, "Not Found")
	}
}

// file serves a snapshot file's bytes as they are.
func (s *apiServer) file(w http.ResponseWriter, name string) {
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		s.t.Errorf("serving %s: %v", name, err)
		apiError(w, http.StatusInternalServerError, "Server Error")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(data)
}

func (s *apiServer) object(name string) any {
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		s.t.Fatal(err)
	}
	v, err := providers.DecodeJSON(name, data)
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

func (s *apiServer) list(name string) []any {
	return s.object(name).([]any)
}

// paged serves list in pages of size, with the Link header GitHub sends.
func (s *apiServer) paged(w http.ResponseWriter, r *http.Request, list []any, size int) {
	if r.URL.Query().Get("per_page") != "100" {
		s.t.Errorf("%s: want per_page=100", r.URL)
	}
	page := 1
	if p := r.URL.Query().Get("page"); p != "" {
		page, _ = strconv.Atoi(p)
	}
	last := max(1, (len(list)+size-1)/size)
	link := func(n int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return fmt.Sprintf(`<http://%s%s%s?%s>; rel="%s"`, r.Host, s.prefix, r.URL.Path, q.Encode(), rel)
	}
	var links []string
	if page > 1 {
		links = append(links, link(page-1, "prev"))
	}
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	start, end := min((page-1)*size, len(list)), min(page*size, len(list))
	writeJSON(w, append([]any{}, list[start:end]...))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(v)
}

func apiError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{
		"message":           message,
		"documentation_url": "https://docs.github.com/rest",
		"status":            strconv.Itoa(status),
	})
}

// serve starts a loopback server for the snapshot testdata/dir.
func serve(t *testing.T, dir string) (*apiServer, *httptest.Server) {
	t.Helper()
	api := &apiServer{t: t, dir: filepath.Join("testdata", dir), org: "acme-payroll"}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return api, srv
}

// collectorFor configures a collecting block against url, with extra
// attributes.
func collectorFor(t *testing.T, url, extra string) providers.Collector {
	t.Helper()
	in := configure(t, env(), fmt.Sprintf(`provider "github" {
  organization = "acme-payroll"
  api_url      = %q
  token_env    = %q
  %s
}`, url, tokenEnv, extra))
	c, ok := in.(providers.Collector)
	if !ok {
		t.Fatalf("%T is not a Collector", in)
	}
	return c
}

// noToken fails the test if the token is anywhere in what a caller sees.
func noToken(t *testing.T, what string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, fakeToken) || strings.Contains(s, fakeToken[4:20]) {
			t.Errorf("%s holds the token: %s", what, s)
		}
	}
}

// TestCollectMatchesLoad collects from a server that serves the acme
// snapshot's files and compares with loading that snapshot: the documents
// are the same, but for Params and Sources.
func TestCollectMatchesLoad(t *testing.T) {
	t.Setenv(tokenEnv, fakeToken)
	api, srv := serve(t, "acme")
	got, err := collectorFor(t, srv.URL, "").Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want, err := load(t, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if err := providertest.CheckValue(got.Value); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Value, want.Value) {
		t.Errorf("collected document differs from the loaded one:\n--- collected\n%s\n--- loaded\n%s", providertest.JSON(t, got.Value), providertest.JSON(t, want.Value))
	}
	if got.Items != want.Items || len(got.Warnings) != 0 {
		t.Errorf("Items = %d (loaded %d), Warnings = %v", got.Items, want.Items, got.Warnings)
	}
	if len(got.Sources) != 0 {
		t.Errorf("Sources = %q, want none (no file was read)", got.Sources)
	}
	wantParams := map[string]string{"api_url": srv.URL, "api_version": "2022-11-28", "organization": "acme-payroll"}
	if !reflect.DeepEqual(got.Params, wantParams) {
		t.Errorf("Params = %v, want %v", got.Params, wantParams)
	}

	var memberPages []string
	for _, r := range api.requests {
		if strings.HasPrefix(r, "/orgs/acme-payroll/members") {
			memberPages = append(memberPages, r)
		}
	}
	if want := []string{
		"/orgs/acme-payroll/members?per_page=100",
		"/orgs/acme-payroll/members?page=2&per_page=100",
		"/orgs/acme-payroll/members?page=3&per_page=100",
	}; !slices.Equal(memberPages, want) {
		t.Errorf("member requests = %q, want the three pages %q", memberPages, want)
	}
	params, _ := json.Marshal(got.Params)
	noToken(t, "the document", string(providertest.JSON(t, got.Value)))
	noToken(t, "Params", string(params))
}

// TestCollectRepositories collects the listed repositories from a GitHub
// Enterprise Server, whose API is under /api/v3.
func TestCollectRepositories(t *testing.T) {
	t.Setenv(tokenEnv, fakeToken)
	api := &apiServer{t: t, dir: "testdata/acme", org: "acme-payroll", prefix: "/api/v3"}
	srv := httptest.NewServer(http.StripPrefix("/api/v3", api))
	defer srv.Close()
	doc, err := collectorFor(t, srv.URL+"/api/v3/", `repositories = ["payroll-web"]`).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	repos := v["repositories"].(map[string]any)
	if len(repos) != 1 || repos["payroll-web"] == nil {
		t.Errorf("repositories = %v, want payroll-web only", slices.Collect(maps.Keys(repos)))
	}
	for _, r := range api.requests {
		if strings.HasPrefix(r, "/orgs/acme-payroll/repos") {
			t.Errorf("listed the organization's repositories (%s) though repositories is set", r)
		}
	}
	if doc.Params["repositories"] != "payroll-web" || doc.Params["api_url"] != srv.URL+"/api/v3" || doc.Items != 1+5+4 {
		t.Errorf("Params = %v, Items = %d", doc.Params, doc.Items)
	}
}

func TestCollectUnprotectedAndNoRulesets(t *testing.T) {
	t.Setenv(tokenEnv, fakeToken)
	_, srv := serve(t, "acme")
	doc, err := collectorFor(t, srv.URL, `repositories = ["infra-scripts"]`).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	r := v["repositories"].(map[string]any)["infra-scripts"].(map[string]any)
	if r["branch_protection"] != nil || r["rulesets"] != nil {
		t.Errorf("infra-scripts: branch_protection %v, rulesets %v; want null for the API's 404s", r["branch_protection"], r["rulesets"])
	}
	if want := []any{"members.json", "org.json", "repos/infra-scripts.json", "teams.json"}; !reflect.DeepEqual(v["files"], want) {
		t.Errorf("files = %q, want %q", v["files"], want)
	}
}

func TestCollectMissingToken(t *testing.T) {
	for _, value := range []string{"", "  \n"} {
		t.Setenv(tokenEnv, value)
		if value == "" {
			os.Unsetenv(tokenEnv)
		}
		_, err := collectorFor(t, "https://api.github.com", "").Collect(context.Background())
		if err == nil || !strings.Contains(err.Error(), "the environment variable "+tokenEnv+" is not set or is empty") {
			t.Errorf("Collect with %s=%q: %v, want an error naming the variable", tokenEnv, value, err)
		}
	}
	t.Setenv(tokenEnv, "ghp_two words")
	_, err := collectorFor(t, "https://api.github.com", "").Collect(context.Background())
	if err == nil || !strings.Contains(err.Error(), "holds spaces or control characters") || strings.Contains(err.Error(), "two words") {
		t.Errorf("Collect with a malformed token: %v", err)
	}
}

func TestCollectErrors(t *testing.T) {
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request reached another origin (Authorization %q)", r.Header.Get("Authorization"))
	}))
	defer elsewhere.Close()

	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    []string
	}{
		{"bad credentials", func(w http.ResponseWriter, r *http.Request) {
			apiError(w, http.StatusUnauthorized, "Bad credentials")
		}, []string{"GET http://", "/orgs/acme-payroll: 401 Unauthorized: Bad credentials", "the token in the environment variable " + tokenEnv + " was refused"}},
		{"rate limit", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-RateLimit-Limit", "5000")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", "1767225600")
			apiError(w, http.StatusForbidden, "API rate limit exceeded for user ID 1023441.")
		}, []string{"403 Forbidden: API rate limit exceeded", "rate limit of the token in " + tokenEnv + " is exhausted (limit 5000 requests); it resets at 2026-01-01T00:00:00Z"}},
		{"secondary rate limit", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "60")
			apiError(w, http.StatusTooManyRequests, "You have exceeded a secondary rate limit.")
		}, []string{"429 Too Many Requests", "secondary rate limit", "in 60 seconds"}},
		{"forbidden", func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/protection") {
				apiError(w, http.StatusForbidden, "Resource not accessible by personal access token")
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{"/branches/main/protection: 403 Forbidden: Resource not accessible by personal access token", `"Administration" repository permission`}},
		{"unknown organization", func(w http.ResponseWriter, r *http.Request) {
			apiError(w, http.StatusNotFound, "Not Found")
		}, []string{"/orgs/acme-payroll: 404 Not Found; the organization \"acme-payroll\" does not exist, or the token in " + tokenEnv + " cannot see it"}},
		{"unknown repository", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/orgs/acme-payroll/repos" {
				w.Write([]byte(`[{"name": "payroll-gone"}]`))
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{"/repos/acme-payroll/payroll-gone: 404 Not Found; the repository acme-payroll/payroll-gone does not exist, or the token in " + tokenEnv + " cannot see it"}},
		{"connection refused", nil, []string{"connect: connection refused"}},
		{"server error", func(w http.ResponseWriter, r *http.Request) {
			apiError(w, http.StatusBadGateway, "Server Error")
		}, []string{"unexpected status 502 Bad Gateway"}},
		{"token echoed", func(w http.ResponseWriter, r *http.Request) {
			apiError(w, http.StatusUnauthorized, "Bad credentials: "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		}, []string{"Bad credentials: (token)"}},
		{"not JSON", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<html>Sign in to GitHub</html>"))
		}, []string{"the response is not valid JSON (line 1, column 1", "is api_url the REST API's URL?"}},
		{"next page elsewhere", func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/members") {
				w.Header().Set("Link", "<"+elsewhere.URL+`/members?page=2>; rel="next"`)
				w.Write([]byte(`[]`))
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{"the next page is at " + elsewhere.URL, "it is not on the API's origin"}},
		{"next page loop", func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/teams") {
				w.Header().Set("Link", `</orgs/acme-payroll/teams?per_page=100>; rel="next"`)
				w.Write([]byte(`[]`))
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{"points back to a page already read"}},
		{"repository list of strings", func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/repos") {
				w.Write([]byte(`["payroll-api"]`))
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{`element 1 of the list has no "name"`}},
		{"members an object", func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/members") {
				w.Write([]byte(`{"login": "aokafor"}`))
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{"/members?per_page=100: the response is an object, not the list"}},
		{"repository without default branch", func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/repos/acme-payroll/payroll-api") {
				w.Write([]byte(`{"name": "payroll-api"}`))
				return
			}
			(&apiServer{t: t, dir: "testdata/acme", org: "acme-payroll"}).ServeHTTP(w, r)
		}, []string{`GET http://`, `/repos/acme-payroll/payroll-api: Unexpected GitHub API response: "default_branch" is missing`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(tokenEnv, fakeToken)
			srv := httptest.NewServer(tt.handler)
			url := srv.URL
			if tt.handler == nil {
				srv.Close() // nothing listens at url
			} else {
				defer srv.Close()
			}
			doc, err := collectorFor(t, url, "").Collect(context.Background())
			if err == nil {
				t.Fatalf("Collect = %v, want an error", doc)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not say %q", err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), "github provider: ") {
				t.Errorf("error %q does not name the provider", err)
			}
			noToken(t, "the error", err.Error())
		})
	}
}

func TestCollectDeadline(t *testing.T) {
	t.Setenv(tokenEnv, fakeToken)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := collectorFor(t, srv.URL, "").Collect(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Collect = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Collect took %s after a 100ms deadline", d)
	}
	noToken(t, "the error", err.Error())
}

func TestNextLink(t *testing.T) {
	const base = "https://api.github.com/orgs/acme-payroll/members?per_page=100"
	tests := []struct {
		header, want string
		err          bool
	}{
		{"", "", false},
		{`<https://api.github.com/organizations/98765432/members?per_page=100&page=2>; rel="next", <https://api.github.com/organizations/98765432/members?per_page=100&page=3>; rel="last"`,
			"https://api.github.com/organizations/98765432/members?per_page=100&page=2", false},
		{`<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first"`, "", false},
		{`<https://api.github.com/x?page=3>; rel="last",<https://api.github.com/x?page=2>;rel=next`, "https://api.github.com/x?page=2", false},
		{`</organizations/1/members?page=2>; rel="next"`, "https://api.github.com/organizations/1/members?page=2", false},
		{`<https://api.github.com/x?page=2>; title="a, b"; rel="prev next"`, "https://api.github.com/x?page=2", false},
		{`<https://api.github.com/x?page=2; rel="next"`, "", true},
		{`https://api.github.com/x?page=2; rel="next"`, "", true},
	}
	for _, tt := range tests {
		got, err := nextLink(tt.header, base)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("nextLink(%q) = %q, %v; want %q (error: %v)", tt.header, got, err, tt.want, tt.err)
		}
	}
}

// TestCollectBodyLimit refuses an endless response.
func TestCollectBodyLimit(t *testing.T) {
	t.Setenv(tokenEnv, fakeToken)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`["`))
		chunk := bytes.Repeat([]byte("a"), 1<<20)
		for range maxBody>>20 + 1 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	_, err := collectorFor(t, srv.URL, "").Collect(context.Background())
	if err == nil || !strings.Contains(err.Error(), "the response is larger than 64 MiB") {
		t.Fatalf("Collect = %v, want a size error", err)
	}
}
