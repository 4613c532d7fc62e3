package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// Load reads the plan or state JSON file the snapshot names and normalizes
// it as the package documentation describes.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	names, err := in.env.Match(in.snapshot)
	if err != nil {
		return nil, fmt.Errorf("terraform provider: %w", err)
	}
	if len(names) > 1 {
		shown := names
		if len(shown) > 5 {
			shown = append(shown[:5:5], "…")
		}
		return nil, fmt.Errorf("terraform provider: the snapshot %q names %d files (%s); it must name one plan or state JSON file, as terraform show -json writes it",
			in.snapshot, len(names), strings.Join(shown, ", "))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(in.env.FS, names[0])
	if err != nil {
		return nil, fmt.Errorf("terraform provider: reading %s: %w", names[0], err)
	}
	return normalize(names[0], data)
}
