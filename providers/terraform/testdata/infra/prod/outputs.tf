output "bucket_arn" {
  value = aws_s3_bucket.logs.arn
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}
