# A work-in-progress copy of prod: storage.tf does not parse.
provider "aws" {
  region = "eu-west-1"
}

module "net" {
  source = "../prod/modules/net"

  azs = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_iam_user" "ci" {
  count = 2

  name = ["ci-deploy", "ci-release"][count.index]
  path = "/system/"
}
