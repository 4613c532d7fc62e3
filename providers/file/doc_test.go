package file

import (
	"testing"

	"github.com/socle-dev/socle/providers/internal/providertest"
)

func TestDocumented(t *testing.T) { providertest.Documented(t, "file", schema) }
