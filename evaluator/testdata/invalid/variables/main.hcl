variable "required" { # ERROR: The variable "required" has no default
  type = string
}
variable "env" {
  type    = string
  default = "dev"
  validation {
    condition     = contains(["prod", "staging"], var.env) # ERROR: env must be prod or staging
    error_message = "env must be prod or staging."
  }
}
variable "count_of" {
  type    = number
  default = "many" # ERROR: The value of "count_of" from its default is not a number
}
