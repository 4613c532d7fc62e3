resource "aws_lambda_function" "api" {
  function_name = "payments-api"
  role          = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/payments-api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "${path.module}/build/api.zip"
  memory_size   = 512
  timeout       = 30

  environment {
    variables = {
      API_KEY = var.api_key
      STAGE   = var.environment
    }
  }

  tracing_config {
    mode = "Active"
  }
}
