objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "mfa" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [file]
}
notify "pager" {
  type = "pager" # ERROR: Invalid type
}
notify "hook" { # ERROR: Missing required argument
  type      = "webhook"
  smtp      = "mail.example.com:25" # ERROR: Unsupported argument
  events    = ["newly_failed"]      # ERROR: Invalid events
  retries   = 50                    # ERROR: Invalid retries
  to_owners = true                  # ERROR: Unsupported argument
  backoff   = "soon"                # ERROR: Invalid backoff
}
notify "mail" { # ERROR: Missing required argument
  type = "email"
  smtp = "mail.example.com:25"
  from = "socle@example.com"
  url  = "https://example.com" # ERROR: Unsupported argument
}
