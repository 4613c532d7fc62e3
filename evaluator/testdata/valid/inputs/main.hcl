objective "access" {
  ref   = "CO-1"
  title = "Access"
}

provider "file" {
  alias    = "fresh"
  snapshot = "snapshots/users.json"
  max_age  = "26h"
}

provider "file" {
  alias    = "counted"
  snapshot = "snapshots/users.json"
  expect {
    min_items = 5
  }
}

provider "file" {
  alias    = "identified"
  snapshot = "snapshots/users.json"
  expect {
    min_items = 3
    params    = { snapshot = "snapshots/users.json" }
  }
}

provider "file" {
  alias    = "misidentified"
  snapshot = "snapshots/users.json"
  expect {
    params = { snapshot = "snapshots/other.json" }
  }
}

control "known" {
  ref       = "1"
  objective = objective.access
  title     = "Every user is known"
  policy    = "socle.t.known"
  providers = [file.fresh, file.counted, file.identified, file.misidentified]
}
