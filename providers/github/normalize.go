package github

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// part is one API response of a snapshot: a file read in load mode, or the
// response (all its pages) to a request in collect mode.
type part struct {
	// file is where the response is, or would be, in a snapshot directory:
	// "org.json", "repos/payroll-api.json".
	file string
	// shown names the part in a warning: the repository-relative path of
	// the file, or the request.
	shown   string
	content any
	where   locator
}

// locator makes the error for a problem at a place in a part: in load mode
// a *providers.SourceError positioned in the file; in collect mode an error
// naming the request.
type locator interface {
	// errorf reports a problem with the value at path, a list of object
	// keys (string) and array indexes (int) from the top; nil is the whole
	// value. export is the command that exports the response again, which
	// load mode suggests.
	errorf(path []any, summary, detail, export string) error
}

// snapshot is every response of one organization, as read or collected.
type snapshot struct {
	org, members, teams *part // nil when absent
	repos               map[string]*repoParts
	warnings            []*providers.SourceError
}

// repoParts are the responses about one repository.
type repoParts struct {
	repo, protection, rulesets *part // protection, rulesets: nil when absent
}

func newSnapshot() *snapshot {
	return &snapshot{repos: map[string]*repoParts{}}
}

func (s *snapshot) repo(name string) *repoParts {
	r := s.repos[name]
	if r == nil {
		r = &repoParts{}
		s.repos[name] = r
	}
	return r
}

// endpoint describes one kind of response: the API call it comes from and
// how to export it, for messages.
type endpoint struct {
	call   string // "GET /orgs/{org}/members"
	export string // "gh api --paginate orgs/ORG/members > members.json"
}

var (
	orgEndpoint     = endpoint{"GET /orgs/{org}", "gh api orgs/ORG > org.json"}
	membersEndpoint = endpoint{"GET /orgs/{org}/members", "gh api --paginate orgs/ORG/members > members.json"}
	teamsEndpoint   = endpoint{"GET /orgs/{org}/teams", "gh api --paginate orgs/ORG/teams > teams.json"}
)

func repoEndpoint(name string) endpoint {
	return endpoint{"GET /repos/{owner}/{repo}", fmt.Sprintf("gh api repos/ORG/%s > repos/%s.json", name, name)}
}

func protectionEndpoint(name string) endpoint {
	return endpoint{"GET /repos/{owner}/{repo}/branches/{branch}/protection", fmt.Sprintf("gh api repos/ORG/%s/branches/BRANCH/protection > branch_protection/%s.json", name, name)}
}

func rulesetsEndpoint(name string) endpoint {
	return endpoint{"GET /repos/{owner}/{repo}/rulesets", fmt.Sprintf("gh api --paginate repos/ORG/%s/rulesets > rulesets/%s.json", name, name)}
}

const unexpected = "Unexpected GitHub API response"

// document checks every response's shape and builds the normalized document
// described in the package documentation.
func (s *snapshot) document() (*providers.Document, error) {
	var files []string
	add := func(p *part) {
		if p != nil {
			files = append(files, p.file)
		}
	}

	var org any
	if s.org != nil {
		obj, err := object(s.org, orgEndpoint)
		if err != nil {
			return nil, err
		}
		org = obj
		add(s.org)
	}
	members, err := optionalList(s.members, membersEndpoint)
	if err != nil {
		return nil, err
	}
	add(s.members)
	teams, err := optionalList(s.teams, teamsEndpoint)
	if err != nil {
		return nil, err
	}
	add(s.teams)

	doc := &providers.Document{Warnings: s.warnings}
	repos := make(map[string]any, len(s.repos))
	for _, name := range slices.Sorted(maps.Keys(s.repos)) {
		r := s.repos[name]
		entry, warning, err := r.normalize(name)
		if err != nil {
			return nil, err
		}
		if warning != nil {
			doc.Warnings = append(doc.Warnings, warning)
		}
		repos[name] = entry
		add(r.repo)
		add(r.protection)
		add(r.rulesets)
	}
	slices.Sort(files)
	if files == nil {
		files = []string{}
	}
	fileValues := make([]any, len(files))
	for i, f := range files {
		fileValues[i] = f
	}

	doc.Value = map[string]any{
		"organization": org,
		"members":      members,
		"teams":        teams,
		"repositories": repos,
		"files":        fileValues,
	}
	doc.Items = len(repos) + len(members) + len(teams)
	return doc, nil
}

// normalize checks the responses about one repository and builds its entry.
// The warning, if any, is about a repository whose name differs from the
// one it is filed under.
func (r *repoParts) normalize(name string) (map[string]any, *providers.SourceError, error) {
	if r.repo == nil {
		// Only load mode can get here: a protection or rulesets file
		// without the repository's own file.
		var p *part
		if p = r.protection; p == nil {
			p = r.rulesets
		}
		return nil, nil, p.where.errorf(nil, "Missing repository",
			fmt.Sprintf("there is no repos/%s.json for this file: a snapshot holds the repository itself (%s) beside its branch protection and rulesets",
				name, repoEndpoint(name).call), repoEndpoint(name).export)
	}
	repo, err := object(r.repo, repoEndpoint(name))
	if err != nil {
		return nil, nil, err
	}
	branch, ok := repo["default_branch"].(string)
	if !ok || branch == "" {
		path, found := []any{"default_branch"}, "is "+describe(repo["default_branch"])
		if _, present := repo["default_branch"]; !present {
			path, found = nil, "is missing"
		}
		return nil, nil, r.repo.where.errorf(path, unexpected,
			fmt.Sprintf(`"default_branch" %s: this is not the repository as %s returns it`, found, repoEndpoint(name).call), repoEndpoint(name).export)
	}
	var warning *providers.SourceError
	if got, ok := repo["name"].(string); ok && got != name {
		warning = &providers.SourceError{
			File:    r.repo.shown,
			Summary: "Repository name differs",
			Detail:  fmt.Sprintf("the file holds the repository %q; it is listed under %q, its file's name (was the repository renamed?)", got, name),
		}
	}

	var protection any
	if r.protection != nil {
		p, err := r.branchProtection(name, branch)
		if err != nil {
			return nil, nil, err
		}
		if p != nil {
			protection = p
		}
	}
	var rulesets any
	// A file holding the 404 body gh api writes for a server without
	// rulesets is none, as when collecting.
	if r.rulesets != nil && !notFoundBody(r.rulesets.content) {
		list, err := list(r.rulesets, rulesetsEndpoint(name))
		if err != nil {
			return nil, nil, err
		}
		rulesets = list
	}
	return map[string]any{
		"repository":        repo,
		"default_branch":    branch,
		"branch_protection": protection,
		"rulesets":          rulesets,
	}, warning, nil
}

// branchProtection checks a branch protection response: an object, for the
// default branch. The 404 body that gh api writes for an unprotected branch
// means unprotected (nil), as the API's 404 does.
func (r *repoParts) branchProtection(name, branch string) (map[string]any, error) {
	p := r.protection
	e := protectionEndpoint(name)
	if notFoundBody(p.content) {
		return nil, nil
	}
	obj, err := object(p, e)
	if err != nil {
		return nil, err
	}
	// The protection must be the default branch's: a protection exported
	// for another branch (the default branch was renamed since) would make
	// an unprotected branch look protected.
	if u, ok := obj["url"].(string); ok {
		if other, ok := protectedBranch(u); ok && other != branch {
			return nil, p.where.errorf([]any{"url"}, "Branch protection of another branch",
				fmt.Sprintf("this is the protection of the branch %q, but the default branch of %s is %q: the protection must be the default branch's", other, name, branch),
				strings.Replace(e.export, "BRANCH", branch, 1))
		}
	}
	return obj, nil
}

// protectedBranch returns the branch a protection's url names:
// …/branches/{branch}/protection.
func protectedBranch(u string) (string, bool) {
	rest, ok := strings.CutSuffix(u, "/protection")
	if !ok {
		return "", false
	}
	i := strings.Index(rest, "/branches/")
	if i < 0 {
		return "", false
	}
	b, err := url.PathUnescape(rest[i+len("/branches/"):])
	if err != nil || b == "" {
		return "", false
	}
	return b, true
}

// object returns the part's value, which must be an object and not an API
// error.
func object(p *part, e endpoint) (map[string]any, error) {
	m, ok := p.content.(map[string]any)
	if !ok {
		return nil, p.where.errorf(nil, unexpected,
			fmt.Sprintf("this is %s; %s returns an object", describe(p.content), e.call), e.export)
	}
	if isAPIError(m) {
		return nil, apiErrorInFile(p, m, e)
	}
	return m, nil
}

// optionalList is list, with an absent part an empty list.
func optionalList(p *part, e endpoint) ([]any, error) {
	if p == nil {
		return []any{}, nil
	}
	return list(p, e)
}

// list returns the part's value, which must be an array of objects.
func list(p *part, e endpoint) ([]any, error) {
	l, ok := p.content.([]any)
	if !ok {
		if m, ok := p.content.(map[string]any); ok && isAPIError(m) {
			return nil, apiErrorInFile(p, m, e)
		}
		return nil, p.where.errorf(nil, unexpected,
			fmt.Sprintf("this is %s; %s returns a list (an array)", describe(p.content), e.call), e.export)
	}
	for i, el := range l {
		if _, ok := el.(map[string]any); !ok {
			return nil, p.where.errorf([]any{i}, unexpected,
				fmt.Sprintf("element %d of the list is %s; %s returns a list of objects", i+1, describe(el), e.call), e.export)
		}
	}
	return l, nil
}

// isAPIError reports whether m is the body of an error response, such as
// {"message": "Not Found", "documentation_url": "…", "status": "404"}: what
// gh api writes to its output when a request fails.
func isAPIError(m map[string]any) bool {
	_, hasMessage := m["message"].(string)
	_, hasDoc := m["documentation_url"]
	_, hasURL := m["url"]
	_, hasID := m["id"]
	return hasMessage && hasDoc && !hasURL && !hasID
}

// notFoundBody reports whether v is the body of a 404 response.
func notFoundBody(v any) bool {
	m, ok := v.(map[string]any)
	return ok && isAPIError(m) && isNotFound(m)
}

// isNotFound reports whether the error body m is a 404: written with its
// status by today's API, or known by its message from older ones.
func isNotFound(m map[string]any) bool {
	if status, ok := m["status"].(string); ok {
		return status == "404"
	}
	switch m["message"] {
	case "Branch not protected", "Branch not found", "Not Found":
		return true
	}
	return false
}

func apiErrorInFile(p *part, m map[string]any, e endpoint) error {
	msg := fmt.Sprintf("%q", m["message"])
	if status, ok := m["status"].(string); ok {
		msg += " (HTTP " + status + ")"
	}
	return p.where.errorf(nil, "GitHub API error in the snapshot",
		fmt.Sprintf("this is the error %s that the API returned instead of the response of %s; fix its cause (the token's access, the names)", msg, e.call), e.export)
}
