package evaluator

import (
	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/aws"
	"github.com/socle-dev/socle/providers/command"
	"github.com/socle-dev/socle/providers/file"
	"github.com/socle-dev/socle/providers/github"
	"github.com/socle-dev/socle/providers/kubernetes"
	"github.com/socle-dev/socle/providers/postgres"
	"github.com/socle-dev/socle/providers/terraform"
)

func builtinRegistry() *providers.Registry {
	return providers.NewRegistry(aws.Type{}, command.Type{}, file.Type{}, github.Type{}, kubernetes.Type{}, postgres.Type{}, terraform.Type{})
}
