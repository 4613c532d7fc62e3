module "net" {
  source = "./modules/net"

  azs = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  description       = "admin SSH"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["10.0.0.0/8", var.admin_cidr]
  security_group_id = "sg-0123456789abcdef0"
}
