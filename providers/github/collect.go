package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// httpClient sends the requests; each request's context bounds it.
var httpClient = &http.Client{}

// Collect reads the organization from the REST API and builds the document
// Load builds for a snapshot exported at the same moment. The token is read
// from the environment now, sent only to api_url's origin, and appears in
// neither the document, its Params nor any error.
func (c *collector) Collect(ctx context.Context) (*providers.Document, error) {
	token := strings.TrimSpace(os.Getenv(c.tokenEnv))
	if token == "" {
		return nil, fmt.Errorf("github provider: the environment variable %s is not set or is empty; set it to a token that can read the organization %q (token_env names the variable to read)", c.tokenEnv, c.organization)
	}
	if strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, fmt.Errorf("github provider: the token in the environment variable %s holds spaces or control characters; set the variable to the token alone", c.tokenEnv)
	}
	base, err := url.Parse(c.apiURL)
	if err != nil {
		return nil, fmt.Errorf("github provider: api_url: %v", err)
	}
	cl := &client{http: httpClient, base: base, token: token, tokenEnv: c.tokenEnv}
	doc, err := c.collect(ctx, cl)
	if err != nil {
		if strings.Contains(err.Error(), token) {
			// Only a server echoing the token back could put it there.
			return nil, errors.New(strings.ReplaceAll(err.Error(), token, "(token)"))
		}
		return nil, err
	}
	doc.Params = c.params()
	return doc, nil
}

// params are the collection's source parameters: never the token, nor the
// name of the variable holding it.
func (c *collector) params() map[string]string {
	p := map[string]string{
		"api_url":      c.apiURL,
		"api_version":  apiVersion,
		"organization": c.organization,
	}
	if c.repositories != nil {
		p["repositories"] = strings.Join(c.repositories, ",")
	}
	return p
}

func (c *collector) collect(ctx context.Context, cl *client) (*providers.Document, error) {
	org := url.PathEscape(c.organization)
	fail := func(err error, notFound string) error {
		if notFound != "" && errors.Is(err, errNotFound) {
			return fmt.Errorf("github provider: %v; %s", err, notFound)
		}
		return fmt.Errorf("github provider: %w", err)
	}
	orgMissing := fmt.Sprintf("the organization %q does not exist, or the token in %s cannot see it", c.organization, c.tokenEnv)

	s := newSnapshot()
	r, err := cl.get(ctx, "/orgs/"+org)
	if err != nil {
		return nil, fail(err, orgMissing)
	}
	s.org = newPart("org.json", r.value, r.url)
	if r, err = cl.list(ctx, "/orgs/"+org+"/members"); err != nil {
		return nil, fail(err, orgMissing)
	}
	s.members = newPart("members.json", r.value, r.url)
	if r, err = cl.list(ctx, "/orgs/"+org+"/teams"); err != nil {
		return nil, fail(err, orgMissing)
	}
	s.teams = newPart("teams.json", r.value, r.url)

	names := c.repositories
	if names == nil {
		if names, err = c.repositoryNames(ctx, cl); err != nil {
			return nil, fail(err, orgMissing)
		}
	}
	for _, name := range names {
		if err := c.collectRepository(ctx, cl, s, name); err != nil {
			return nil, fail(err, "")
		}
	}
	return s.document()
}

// repositoryNames lists the names of every repository of the organization.
func (c *collector) repositoryNames(ctx context.Context, cl *client) ([]string, error) {
	r, err := cl.list(ctx, "/orgs/"+url.PathEscape(c.organization)+"/repos?type=all")
	if err != nil {
		return nil, err
	}
	names := []string{}
	for i, el := range r.value.([]any) {
		repo, _ := el.(map[string]any)
		name, _ := repo["name"].(string)
		if name == "" {
			return nil, fmt.Errorf("GET %s: element %d of the list has no \"name\"; is api_url the REST API's URL?", display(r.url), i+1)
		}
		names = append(names, name)
	}
	return names, nil
}

// collectRepository reads one repository, the protection of its default
// branch (a 404 is an unprotected branch, and no file) and its rulesets (a
// 404, from a server without rulesets, is no file).
func (c *collector) collectRepository(ctx context.Context, cl *client, s *snapshot, name string) error {
	repoPath := "/repos/" + url.PathEscape(c.organization) + "/" + url.PathEscape(name)
	r, err := cl.get(ctx, repoPath)
	if err != nil {
		if errors.Is(err, errNotFound) {
			return fmt.Errorf("%v; the repository %s/%s does not exist, or the token in %s cannot see it", err, c.organization, name, c.tokenEnv)
		}
		return err
	}
	parts := s.repo(name)
	parts.repo = newPart("repos/"+name+".json", r.value, r.url)
	repo, _ := r.value.(map[string]any)
	branch, _ := repo["default_branch"].(string)
	if branch == "" {
		// The document reports the malformed repository.
		return nil
	}

	r, err = cl.get(ctx, repoPath+"/branches/"+url.PathEscape(branch)+"/protection")
	switch {
	case errors.Is(err, errNotFound):
	case err != nil:
		return err
	default:
		parts.protection = newPart("branch_protection/"+name+".json", r.value, r.url)
	}

	r, err = cl.list(ctx, repoPath+"/rulesets")
	switch {
	case errors.Is(err, errNotFound):
		return nil
	case err != nil:
		return err
	}
	// The list holds summaries; each ruleset's conditions, rules and bypass
	// actors come with the ruleset itself.
	summaries := r.value.([]any)
	detailed := make([]any, 0, len(summaries))
	for i, el := range summaries {
		summary, _ := el.(map[string]any)
		id, ok := summary["id"].(json.Number)
		if _, err := id.Int64(); !ok || err != nil {
			return fmt.Errorf("GET %s: ruleset %d of the list has no numeric \"id\"; is api_url the REST API's URL?", display(r.url), i+1)
		}
		d, err := cl.get(ctx, repoPath+"/rulesets/"+id.String())
		if err != nil {
			return err
		}
		detailed = append(detailed, d.value)
	}
	parts.rulesets = newPart("rulesets/"+name+".json", detailed, r.url)
	return nil
}

// newPart is a response as a part of the snapshot, stored at file.
func newPart(file string, value any, url string) *part {
	return &part{file: file, shown: "GET " + display(url), content: value, where: urlLocator(url)}
}

// urlLocator names the request whose response has a problem.
type urlLocator string

func (u urlLocator) errorf(_ []any, summary, detail, _ string) error {
	return fmt.Errorf("github provider: GET %s: %s: %s", display(string(u)), summary, detail)
}
