package aws

import (
	"testing"

	"github.com/socle-dev/socle/providers/internal/providertest"
)

func TestDocumented(t *testing.T) { providertest.Documented(t, "aws", schema) }
