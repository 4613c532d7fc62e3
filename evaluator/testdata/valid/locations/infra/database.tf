variable "ledger_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "ledger" {
  identifier              = "payroll-ledger"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.r6g.large"
  storage_encrypted       = true
  kms_key_id              = "alias/payroll"
  backup_retention_period = 14
  deletion_protection     = true
  multi_az                = true
  publicly_accessible     = false
  username                = "ledger_admin"
  password                = var.ledger_password
}

resource "aws_db_instance" "reporting" {
  identifier              = "payroll-reporting"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.t4g.medium"
  storage_encrypted       = true
  kms_key_id              = "alias/payroll"
  backup_retention_period = 7
  deletion_protection     = true
  multi_az                = false
  publicly_accessible     = false
  username                = "reporting"
  password                = var.ledger_password
}

resource "aws_security_group" "ledger_db" {
  name        = "ledger-db"
  description = "Ledger database"
  vpc_id      = "vpc-0a1b2c3d"

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
    description = "app subnets"
  }
}
