package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/socle-dev/socle/providers"
)

// apiVersion is the REST API version socle asks for, and whose response
// shapes the package documents.
const apiVersion = "2022-11-28"

const (
	// maxBody bounds one response's size.
	maxBody = 64 << 20
	// maxPages bounds one list's pages (100 items each).
	maxPages = 10000
	// requestTimeout bounds one request when the context has no sooner
	// deadline.
	requestTimeout = 2 * time.Minute
)

// client reads the REST API with a token. The token is sent only to the
// API's own origin, in the Authorization header; it is never part of an
// error, a URL or a log.
type client struct {
	http     *http.Client
	base     *url.URL // the API's base URL, without a trailing slash
	token    string
	tokenEnv string // the variable's name, for messages
}

// errNotFound matches (errors.Is) the error of a 404 response.
var errNotFound = errors.New("not found")

// notFound is the error of a 404 response.
type notFound struct{ msg string }

func (e *notFound) Error() string        { return e.msg }
func (e *notFound) Is(target error) bool { return target == errNotFound }

// response is a successful response's decoded body.
type response struct {
	url   string
	value any
}

// get requests path (escaped, below the base URL, with its query) and
// decodes the JSON response.
func (c *client) get(ctx context.Context, path string) (*response, error) {
	u := c.base.String() + path
	v, _, err := c.do(ctx, u)
	if err != nil {
		return nil, err
	}
	return &response{url: u, value: v}, nil
}

// list requests every page of a list, following the Link header's "next"
// relation, and returns the elements of all pages.
func (c *client) list(ctx context.Context, path string) (*response, error) {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	first := c.base.String() + path + sep + "per_page=100"
	all := []any{}
	seen := map[string]bool{}
	for next := first; next != ""; {
		if len(seen) == maxPages {
			return nil, fmt.Errorf("GET %s: more than %d pages; stopping", display(first), maxPages)
		}
		seen[next] = true
		v, header, err := c.do(ctx, next)
		if err != nil {
			return nil, err
		}
		page, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("GET %s: the response is %s, not the list (an array) the API returns; is api_url the REST API's URL?", display(next), describe(v))
		}
		all = append(all, page...)
		link, err := nextLink(header.Get("Link"), next)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %v", display(next), err)
		}
		if link != "" {
			if err := c.sameOrigin(link); err != nil {
				return nil, fmt.Errorf("GET %s: the next page is at %s: %v", display(next), display(link), err)
			}
			if seen[link] {
				return nil, fmt.Errorf("GET %s: the next page link points back to a page already read; stopping", display(next))
			}
		}
		next = link
	}
	return &response{url: first, value: all}, nil
}

// sameOrigin refuses a URL on another origin than the API's: the token must
// not be sent anywhere else.
func (c *client) sameOrigin(link string) error {
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("the URL is malformed: %v", err)
	}
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host {
		return fmt.Errorf("it is not on the API's origin %s://%s; the token is sent only there", c.base.Scheme, c.base.Host)
	}
	return nil
}

// do sends one GET and returns the decoded body and the headers of a 200
// response. Any other status is an error saying what to do.
func (c *client) do(ctx context.Context, u string) (any, http.Header, error) {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %v", display(u), err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", apiVersion)
	req.Header.Set("User-Agent", "socle")
	resp, err := c.http.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, nil, fmt.Errorf("GET %s: %w", display(u), ctxErr)
		}
		// A *url.Error names the method and URL (never the headers):
		// say them once.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, nil, fmt.Errorf("GET %s: %v", display(u), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, nil, fmt.Errorf("GET %s: reading the response: %w", display(u), ctxErr)
		}
		return nil, nil, fmt.Errorf("GET %s: reading the response: %v", display(u), err)
	}
	if len(body) > maxBody {
		return nil, nil, fmt.Errorf("GET %s: the response is larger than %d MiB", display(u), maxBody>>20)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, c.statusError(u, resp, body)
	}
	v, err := providers.DecodeJSON("response", body)
	if err != nil {
		var se *providers.SourceError
		if errors.As(err, &se) {
			return nil, nil, fmt.Errorf("GET %s: the response is not valid JSON (line %d, column %d: %s); is api_url the REST API's URL?", display(u), se.Line, se.Column, se.Detail)
		}
		return nil, nil, fmt.Errorf("GET %s: %v", display(u), err)
	}
	return v, resp.Header, nil
}

// statusError explains a response other than 200 OK.
func (c *client) statusError(u string, resp *http.Response, body []byte) error {
	at := "GET " + display(u)
	status := resp.Status
	if msg := apiMessage(body); msg != "" && msg != http.StatusText(resp.StatusCode) {
		status += ": " + msg
	}
	h := resp.Header
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return &notFound{at + ": " + status}
	case resp.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("%s: %s; the token in the environment variable %s was refused: check that it is valid and has not expired", at, status, c.tokenEnv)
	case (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests) && h.Get("X-RateLimit-Remaining") == "0":
		reset := "when the hour's window ends"
		if n, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			reset = "at " + time.Unix(n, 0).UTC().Format(time.RFC3339)
		}
		return fmt.Errorf("%s: %s; the API rate limit of the token in %s is exhausted (limit %s requests); it resets %s: collect again after that, or with a token with a higher limit (a GitHub App installation)",
			at, status, c.tokenEnv, orUnknown(h.Get("X-RateLimit-Limit")), reset)
	case (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests) && h.Get("Retry-After") != "":
		return fmt.Errorf("%s: %s; the API's secondary rate limit was hit: collect again in %s seconds or later", at, status, h.Get("Retry-After"))
	case resp.StatusCode == http.StatusForbidden:
		return fmt.Errorf("%s: %s; the token in %s may not read this: it needs read access to the organization and its members and teams, and to each repository's administration settings (for branch protection and rulesets; with a fine-grained token, the \"Administration\" repository permission, read)", at, status, c.tokenEnv)
	}
	return fmt.Errorf("%s: unexpected status %s; check api_url (the REST API's URL) and collect again", at, status)
}

// apiMessage returns the "message" of an error body, made safe to print.
func apiMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil || e.Message == "" {
		return ""
	}
	msg := strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, e.Message)
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// display returns u for a message, without user information or
// fragment. (Collect also removes the token from every error it returns,
// should a server echo it back.)
func display(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(a malformed URL)"
	}
	p.User = nil
	p.Fragment = ""
	return p.String()
}

// nextLink returns the URL of the "next" relation of a Link header, resolved
// against the URL of the response that carried it, or "" when there is none:
//
//	Link: <https://api.github.com/organizations/1/members?page=2>; rel="next", <…>; rel="last"
func nextLink(header, base string) (string, error) {
	for header != "" {
		header = strings.TrimLeft(header, " \t,")
		if header == "" {
			break
		}
		if header[0] != '<' {
			return "", fmt.Errorf("malformed Link header (a link must start with '<')")
		}
		end := strings.IndexByte(header, '>')
		if end < 0 {
			return "", fmt.Errorf("malformed Link header (a link has no closing '>')")
		}
		target := header[1:end]
		header = header[end+1:]
		// The parameters run to the next link, at a ',' outside quotes.
		params, rest := splitParams(header)
		header = rest
		if !hasRel(params, "next") {
			continue
		}
		b, err := url.Parse(base)
		if err != nil {
			return "", err
		}
		t, err := url.Parse(strings.TrimSpace(target))
		if err != nil {
			return "", fmt.Errorf("malformed next page URL in the Link header")
		}
		return b.ResolveReference(t).String(), nil
	}
	return "", nil
}

// splitParams splits s, which follows a link's '>', into its parameters
// and what comes after them (the next links).
func splitParams(s string) (params, rest string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if quoted {
				i++
			}
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

// hasRel reports whether params (";rel=\"next\"; …") has the relation rel.
func hasRel(params, rel string) bool {
	for _, p := range strings.Split(params, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		for _, r := range strings.Fields(value) {
			if strings.EqualFold(r, rel) {
				return true
			}
		}
	}
	return false
}
