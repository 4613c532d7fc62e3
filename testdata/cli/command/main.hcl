objective "access" {
  ref   = "CO-1"
  title = "Logical access"
}

# Reads the users from a program's standard output.
provider "command" {
  command = ["/bin/echo", "[{\"value\": {\"id\": \"alice\", \"mfa\": true}}]"]
}

control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "MFA for every user"
  policy    = "cli.command"
  providers = [command]
}
