resource "aws_iam_policy" "payroll_readonly" {
  name = "payroll-readonly"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::acme-payroll-exports", "arn:aws:s3:::acme-payroll-exports/*"]
    }]
  })
}

resource "aws_iam_policy" "payroll_operator" {
  name = "payroll-operator"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["rds:DescribeDBInstances", "rds:CreateDBSnapshot"]
      Resource = "*"
    }]
  })
}
