package github

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/socle-dev/socle/providers"
)

// Type is the "github" provider type.
type Type struct{}

var _ providers.Type = Type{}

// Name returns "github".
func (Type) Name() string { return "github" }

// defaults of the collect mode.
const (
	defaultAPIURL   = "https://api.github.com"
	defaultTokenEnv = "GITHUB_TOKEN"
)

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "snapshot"},
		{Name: "organization"},
		{Name: "repositories"},
		{Name: "api_url"},
		{Name: "token_env"},
	},
}

var (
	// GitHub logins are letters, digits and hyphens; GitHub Enterprise
	// Server also allows underscores and dots (names mapped from LDAP or
	// SAML).
	loginPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	// Repository names are letters, digits, '.', '-' and '_'.
	repoPattern = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	envPattern  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// Configure validates a provider "github" block. snapshot (load mode) and
// organization (collect mode) are each optional, but one of them is
// required; repositories, api_url and token_env only serve collect mode and
// need organization.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env, apiURL: defaultAPIURL, tokenEnv: defaultTokenEnv}
	attrs := content.Attributes

	if attr, ok := attrs["snapshot"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		in.snapshot = p
	}
	if attr, ok := attrs["organization"]; ok {
		org, d := providers.StringAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			if loginPattern.MatchString(org) {
				in.organization = org
			} else {
				diags = append(diags, invalid(attr, "Invalid organization",
					fmt.Sprintf("%q is not a GitHub organization login: write the login as it appears in the organization's URL (https://github.com/LOGIN), such as \"acme-payroll\".", org)))
			}
		}
	}
	if attr, ok := attrs["repositories"]; ok {
		names, d := repositoriesAttribute(attr, ctx)
		diags = append(diags, d...)
		in.repositories = names
	}
	if attr, ok := attrs["api_url"]; ok {
		u, d := providers.StringAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			clean, problem := checkAPIURL(u)
			if problem != "" {
				diags = append(diags, invalid(attr, "Invalid api_url", problem))
			}
			in.apiURL = clean
		}
	}
	if attr, ok := attrs["token_env"]; ok {
		name, d := providers.StringAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			switch {
			case looksLikeToken(name):
				// Never repeat the value: it is a secret.
				diags = append(diags, invalid(attr, "Invalid token_env",
					"The value looks like a GitHub token, not the name of an environment variable: keep the token out of the configuration, put it in an environment variable, and set token_env to that variable's name (such as \"GITHUB_TOKEN\"). Revoke the token if this configuration was shared."))
			case envPattern.MatchString(name):
				in.tokenEnv = name
			default:
				diags = append(diags, invalid(attr, "Invalid token_env",
					fmt.Sprintf("%q is not an environment variable name; token_env names the variable that holds the token (such as \"GITHUB_TOKEN\"), never the token itself.", name)))
			}
		}
	}

	_, hasSnapshot := attrs["snapshot"]
	_, hasOrg := attrs["organization"]
	if !hasSnapshot && !hasOrg {
		r := body.MissingItemRange()
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing snapshot or organization",
			Detail:   `A provider "github" block needs snapshot (the directory of a snapshot, to load), organization (the organization to collect from the GitHub API), or both.`,
			Subject:  &r,
		})
	}
	if !hasOrg {
		for _, name := range []string{"repositories", "api_url", "token_env"} {
			if attr, ok := attrs[name]; ok {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Missing organization",
					Detail:   fmt.Sprintf("%s is only used to collect from the GitHub API, which needs organization; set organization, or remove %s.", name, name),
					Subject:  attr.NameRange.Ptr(),
				})
			}
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	if in.organization != "" {
		return &collector{in}, diags
	}
	return in, diags
}

// instance is one configured provider "github" block. It loads a snapshot;
// when the block names an organization, Configure wraps it in a collector.
type instance struct {
	env      providers.Env
	snapshot string // cleaned directory; "" when the block only collects

	organization string   // "" when the block only loads
	repositories []string // nil: every repository of the organization
	apiURL       string   // without a trailing slash
	tokenEnv     string   // the name of the variable, never its value
}

// collector is an instance that can also collect from the API. Only blocks
// with an organization are collectors, so that a caller that collects
// whatever can be collected loads the others from their snapshot.
type collector struct {
	*instance
}

var _ providers.Collector = (*collector)(nil)

func invalid(attr *hcl.Attribute, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   detail,
		Subject:  attr.Expr.Range().Ptr(),
	}
}

// repositoriesAttribute evaluates repositories: a list of repository names,
// each valid and named once.
func repositoriesAttribute(attr *hcl.Attribute, ctx *hcl.EvalContext) ([]string, hcl.Diagnostics) {
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		return nil, diags
	}
	if val.IsNull() || !val.IsWhollyKnown() {
		return nil, append(diags, invalid(attr, "Invalid value for repositories", "repositories must be a known list of repository names, such as [\"payroll-api\", \"payroll-web\"]."))
	}
	list, err := convert.Convert(val, cty.List(cty.String))
	if err != nil {
		return nil, append(diags, invalid(attr, "Incorrect attribute value type",
			fmt.Sprintf("Inappropriate value for attribute \"repositories\": a list of strings is required, not %s.", val.Type().FriendlyName())))
	}
	list, _ = list.Unmark()
	names := []string{}
	seen := map[string]bool{}
	for it := list.ElementIterator(); it.Next(); {
		_, v := it.Element()
		if v.IsNull() {
			diags = append(diags, invalid(attr, "Invalid repository name", "A repository name is null; list names such as \"payroll-api\"."))
			continue
		}
		name := v.AsString()
		switch {
		case !repoPattern.MatchString(name) || name == "." || name == "..":
			diags = append(diags, invalid(attr, "Invalid repository name",
				fmt.Sprintf("%q is not a repository name: write the name alone (\"payroll-api\", not \"acme/payroll-api\"); names hold letters, digits, '.', '-' and '_'.", name)))
		case seen[strings.ToLower(name)]:
			diags = append(diags, invalid(attr, "Duplicate repository", fmt.Sprintf("%q is listed twice (GitHub repository names are not case sensitive).", name)))
		default:
			seen[strings.ToLower(name)] = true
			names = append(names, name)
		}
	}
	return names, diags
}

// checkAPIURL validates the base URL of the REST API and returns it without
// a trailing slash, or what is wrong with it. It must be https, or http on a
// loopback address (a test server): the token must not cross a network in
// clear text.
func checkAPIURL(s string) (clean, problem string) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", fmt.Sprintf("%q is not an absolute URL; write the REST API's base URL, such as %q or, for GitHub Enterprise Server, \"https://HOSTNAME/api/v3\".", s, defaultAPIURL)
	}
	switch {
	case u.User != nil:
		return "", "The URL holds credentials (user:password@); remove them: the token is read from the environment variable that token_env names."
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.Contains(s, "#"):
		return "", fmt.Sprintf("%q has a query or a fragment; write only the base URL, such as %q.", s, defaultAPIURL)
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	case u.Scheme == "http":
		return "", fmt.Sprintf("%q is not https; the token must not be sent in clear text (http is accepted only on a loopback address, for tests).", s)
	default:
		return "", fmt.Sprintf("%q is not an http or https URL; write the REST API's base URL, such as %q.", s, defaultAPIURL)
	}
	return strings.TrimRight(u.String(), "/"), ""
}

// looksLikeToken reports whether s has the prefix of a GitHub token.
func looksLikeToken(s string) bool {
	for _, prefix := range []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
