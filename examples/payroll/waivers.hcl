waiver "break_glass" {
  control     = control.idp_mfa
  resources   = ["break-glass@acme.example"]
  reason      = "Sealed break-glass account: its credentials are in the vault, and every use pages Security."
  approved_by = "CISO"
  ticket      = "SEC-123"
  expires     = "2027-06-30"
}
