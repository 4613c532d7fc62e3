objective "a" {
  ref   = "CO-1"
  title = "A"
  coso  = [
    10,
    18, # ERROR: 18 is not a COSO 2013 principle
    0, # ERROR: 0 is not a COSO 2013 principle
    2.5, # ERROR: 2.5 is not a COSO 2013 principle
  ]
}
objective "b" {
  ref   = "CO-2"
  title = "B"
  coso  = "ten" # ERROR: coso must be a list of numbers
}
