socle {
  limits {
    input_size = "1KiB"
  }
}
