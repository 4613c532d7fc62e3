data "aws_caller_identity" "current" {}

locals {
  ci_users = ["ci-deploy", "ci-release"]
}

resource "aws_iam_user" "ci" {
  count = length(local.ci_users)

  name = local.ci_users[count.index]
  path = "/system/"

  tags = {
    team = "platform"
  }
}
