variable "azs" {
  type = list(string)
}

variable "vpc_id" {
  type    = string
  default = "vpc-0a1b2c3d4e5f67890"
}

resource "aws_subnet" "private" {
  for_each = toset(var.azs)

  vpc_id                  = var.vpc_id
  availability_zone       = each.key
  cidr_block              = cidrsubnet("10.0.0.0/16", 8, index(var.azs, each.key) + 1)
  map_public_ip_on_launch = false

  tags = {
    tier = "private"
  }
}

module "flow_logs" {
  source = "./flow_logs"

  vpc_id = var.vpc_id
}
