resource "aws_db_instance" "main" {
  identifier              = "payments"
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 7

  username = "payments_admin"
  password = var.db_password

  depends_on = [module.net]
}
