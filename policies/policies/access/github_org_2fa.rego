# METADATA
# title: The GitHub organization requires two-factor authentication
# description: >-
#   The GitHub organization that holds the in-scope repositories requires every
#   member and outside collaborator to use two-factor authentication
#   (two_factor_requirement_enabled in GET /orgs/{org}). The population is the
#   organization, when the snapshot holds org.json.
package soc1.access.github_org_2fa

org := input.github.organization

resources contains org.login if org != null

deny contains {"resource": org.login, "message": sprintf("the GitHub organization %s does not require two-factor authentication", [org.login])} if {
	org != null
	object.get(org, "two_factor_requirement_enabled", false) != true
}
