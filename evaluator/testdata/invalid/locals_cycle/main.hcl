locals {
  a = "${local.b}-a" # ERROR: local.a → local.b → local.c → local.a
  b = local.c
  c = local.a
  d = "fine"
}
