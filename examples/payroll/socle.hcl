# Acme Payroll's SOC 1 controls: the settings every command reads.
socle {
  organization = "Acme Payroll, Inc."
  system       = "Payroll Processing Platform"
  store        = "sqlite://.socle/evidence.db"

  period {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}

variable "environment" {
  type        = string
  default     = "prod"
  description = "The environment whose snapshots are evaluated."

  validation {
    condition     = contains(["prod", "staging"], var.environment)
    error_message = "environment must be prod or staging."
  }
}

variable "deprovisioning_sla_days" {
  type        = number
  default     = 1
  description = "Business days within which a leaver's access must be removed."
}

locals {
  platform_owner = "platform-security@acme.example"
  people_owner   = "people-ops@acme.example"
}
