provider "fiel" { # ERROR: There is no provider type "fiel". Did you mean "file"?
  snapshot = "x.json"
}
