variable "vpc_id" {
  type = string
}

resource "aws_flow_log" "this" {
  vpc_id                   = var.vpc_id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  iam_role_arn             = "arn:aws:iam::123456789012:role/flow-logs"
  max_aggregation_interval = 600
}
