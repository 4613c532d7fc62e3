# Audit log bucket (SOC 1 CC7.2: logs are retained and protected).
resource "aws_s3_bucket" "logs" {
  bucket = "acme-audit-logs"

  tags = {
    owner = "security"
    soc1  = "CC7.2"
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid     = "AWSLogDeliveryWrite"
    effect  = "Allow"
    actions = ["s3:PutObject"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }
  }
}
