resource "aws_s3_bucket" "logs" {
  bucket = "acme-audit-logs"

  tags = {
    owner = "security"
    soc1    "CC7.2"
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    actions = ["s3:PutObject"]
  }
}
