// Package github is the "github" provider: a GitHub organization's settings,
// members and teams, and its repositories' settings, default-branch
// protection and rulesets, as the REST API returns them. It loads a snapshot
// directory (the responses saved as gh api writes them) and collects the same
// responses from the API.
//
// # Configuration
//
//	provider "github" {
//	  snapshot     = "snapshots/github"         # load mode
//	  organization = "acme-payroll"             # collect mode
//	  repositories = ["payroll-api"]            # optional; default: every repository
//	  api_url      = "https://api.github.com"   # optional (the default)
//	  token_env    = "GITHUB_TOKEN"             # optional (the default)
//	}
//
// snapshot names a directory inside the policy repository. organization is
// the login of the organization to collect from. A block needs one of them
// and may have both: loading reads the snapshot, collecting reads the API. A
// block without organization cannot collect, so collecting falls back to
// loading its snapshot.
//
// repositories, api_url and token_env only serve collect mode and need
// organization. repositories lists repository names (not "owner/name");
// without it, every repository of the organization is collected (GET
// /orgs/{org}/repos?type=all, every page). api_url is the REST API's base
// URL: for GitHub Enterprise Server, "https://HOSTNAME/api/v3"; it must be
// https (http only on a loopback address, for tests) and hold no credentials.
// token_env names the environment variable holding the token; it is read
// when collecting, sent only to api_url's origin, and never written to the
// document, its parameters or an error.
//
// # Snapshot layout
//
// The snapshot directory holds one file per API response, each the
// response's body (gh api ENDPOINT > FILE):
//
//	org.json                        GET /orgs/{org}
//	members.json                    GET /orgs/{org}/members
//	teams.json                      GET /orgs/{org}/teams
//	repos/<repo>.json               GET /repos/{owner}/{repo}
//	branch_protection/<repo>.json   GET /repos/{owner}/{repo}/branches/{default branch}/protection
//	rulesets/<repo>.json            GET /repos/{owner}/{repo}/rulesets, or the list of
//	                                GET /repos/{owner}/{repo}/rulesets/{id} (with conditions and rules)
//
// Every file is optional, but a branch protection or rulesets file needs its
// repos/<repo>.json, and a snapshot must hold at least one file of the
// layout. A repository without a branch_protection file is unprotected, as
// the API's 404 says; so is one whose file holds the 404 body gh api writes
// for it ({"message": "Branch not protected", …}). Likewise a rulesets file
// holding a 404 body (a server without rulesets) means none. Any other error
// body in a file is an error. A list file (members, teams, rulesets) holds one JSON
// array, or the pages gh api --paginate writes one after the other ([…][…]),
// or those pages in one array (--paginate --slurp: [[…],[…]]); its elements
// are the pages' elements in order. A repository's name is its file's name
// and may start with a dot (.github). Other files are skipped with a
// warning; hidden files and directories (names starting with a dot) outside
// the three repository directories are skipped silently.
//
// Collect mode sends GET requests with Accept: application/vnd.github+json
// and X-GitHub-Api-Version: 2022-11-28, follows the Link header's "next"
// pages, and reads, for each repository, the protection of its default branch
// (a 404 is unprotected), its rulesets (a 404, from a server without rulesets,
// is none) and each ruleset in detail. A 401, a 403 (an exhausted rate limit
// is named as such, with its reset time) or any other failure stops the
// collection with an error saying what to do.
//
// # Document
//
//	{
//	  "organization": { … } | null,
//	  "members":      [ { … }, … ],
//	  "teams":        [ { … }, … ],
//	  "repositories": {
//	    "<repo>": {
//	      "repository":        { … },
//	      "default_branch":    "main",
//	      "branch_protection": { … } | null,
//	      "rulesets":          [ { … }, … ] | null
//	    }, …
//	  },
//	  "files": [ "<file>", … ]
//	}
//
// organization is org.json, null when absent. members and teams are the
// lists of members.json and teams.json, [] when absent. repositories maps
// each repository's name to: repository, repos/<repo>.json; default_branch,
// its "default_branch"; branch_protection, the protection of that branch, or
// null when it is unprotected; rulesets, the list of rulesets/<repo>.json,
// or null when absent (not exported, or not available on the server). Every
// response keeps the API's field names and JSON types; numbers are JSON
// numbers as the API wrote them.
//
// files lists, sorted, the snapshot files the document was built from,
// relative to the snapshot directory ("org.json", "repos/payroll-api.json"),
// so a policy can tell a list that is empty from one that was not exported.
// A collected document lists the files a snapshot of the same responses
// would hold: collecting and loading the equivalent snapshot give the same
// document.
//
// The document's item count is the number of repositories, members and
// teams. Its parameters are "snapshot" when loaded; "api_url",
// "api_version", "organization" and, when set, "repositories" (comma
// separated) when collected.
//
// # Errors
//
// Malformed JSON is an "Invalid JSON" error with the file, line and column. A
// response of the wrong shape (a list where the API returns an object, a
// repository without "default_branch", a list element that is not an
// object) is an "Unexpected GitHub API response" error positioned at the
// value, with the gh api command that exports the file. A branch protection
// whose "url" names another branch than the repository's default branch is
// an error: it would make an unprotected branch look protected.
//
// The package reads files only through the repository file system it is
// given, reaches the network only when collecting, and imports nothing of
// the evaluator.
package github
