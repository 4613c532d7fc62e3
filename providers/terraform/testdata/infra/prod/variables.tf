variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "admin_cidr" {
  description = "Address range of the on-call VPN, allowed to SSH to the admin hosts."
  type        = string
  sensitive   = true
}

variable "api_key" {
  type      = string
  sensitive = true
}
