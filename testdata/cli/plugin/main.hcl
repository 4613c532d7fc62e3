objective "data" {
  ref   = "CO-3"
  title = "Data protection"
}

# A third-party provider: the executable socle-provider-inventory.
provider "inventory" {
  path = "inventory/assets.json"
}

control "disks_encrypted" {
  ref       = "3.1"
  objective = objective.data
  title     = "Every server's disk is encrypted"
  policy    = "cli.inventory"
  providers = [inventory]
}
