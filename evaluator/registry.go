package evaluator

import (
	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/aws"
	"github.com/socle-dev/socle/providers/file"
	"github.com/socle-dev/socle/providers/kubernetes"
	"github.com/socle-dev/socle/providers/terraform"
)

func builtinRegistry() *providers.Registry {
	return providers.NewRegistry(aws.Type{}, file.Type{}, kubernetes.Type{}, terraform.Type{})
}
