package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLanguageReferenceComplete: docs/language.md names every block and every
// attribute the decoder accepts, each under the heading of its block, so the
// reference cannot fall behind the schema.
func TestLanguageReferenceComplete(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "language.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	// Each schema and the section of the reference that documents it (the
	// text from its heading to the next heading of the same or a higher level).
	schemas := []struct {
		heading string
		schema  *hcl.BodySchema
	}{
		{"## `socle`", socleSchema},
		{"### `period`", periodSchema},
		{"### `report`", reportSchema},
		{"### `limits`", limitsSchema},
		{"## `variable \"NAME\"`", variableSchema},
		{"### `validation`", validationSchema},
		{"## `objective \"NAME\"`", objectiveSchema},
		{"## `provider \"TYPE\"`", providerSchema},
		{"### `expect` (provider)", expectSchema},
		{"## `control \"NAME\"`", controlSchema},
		{"### `evidence`", evidenceSchema},
		{"## `cuec \"NAME\"`", cuecSchema},
		{"## `subservice \"NAME\"`", subserviceSchema},
		{"### `csoc \"NAME\"`", csocSchema},
		{"## `risk \"NAME\"`", riskSchema},
		{"## `test \"NAME\"`", testSchema},
		{"### `expect` (test)", testExpectSchema},
		{"## `waiver \"NAME\"`", waiverSchema},
		{"## `notify \"NAME\"`", notifySchema},
	}
	for _, bt := range rootSchema.Blocks {
		if !strings.Contains(doc, "## `"+bt.Type) {
			t.Errorf("docs/language.md has no section for the %s block", bt.Type)
		}
	}
	for _, s := range schemas {
		section := sectionOf(doc, s.heading)
		if section == "" {
			t.Errorf("docs/language.md has no heading %s", s.heading)
			continue
		}
		for _, a := range s.schema.Attributes {
			if !strings.Contains(section, "`"+a.Name+"`") {
				t.Errorf("docs/language.md, %s: the attribute `%s` is not documented", s.heading, a.Name)
			}
		}
		for _, bl := range s.schema.Blocks {
			if !strings.Contains(section, "`"+bl.Type) {
				t.Errorf("docs/language.md, %s: the block `%s` is not documented", s.heading, bl.Type)
			}
		}
	}
}

// sectionOf returns the text under heading, up to the next heading of the
// same or a higher level.
func sectionOf(doc, heading string) string {
	i := strings.Index(doc, "\n"+heading)
	if i < 0 {
		return ""
	}
	level := strings.Count(strings.Fields(heading)[0], "#")
	rest := doc[i+1+len(heading):]
	end := len(rest)
	off := 0
	for _, line := range strings.SplitAfter(rest, "\n") {
		if strings.HasPrefix(line, "#") {
			hashes := len(line) - len(strings.TrimLeft(line, "#"))
			if hashes <= level {
				end = off
				break
			}
		}
		off += len(line)
	}
	return rest[:end]
}
