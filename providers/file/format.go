package file

import (
	"path"
	"slices"
	"strconv"
	"strings"
)

// format is the syntax of a snapshot file.
type format string

const (
	formatJSON format = "json"
	formatYAML format = "yaml"
	formatCSV  format = "csv"
)

// parsers holds the parser of each format.
var parsers = map[format]func(file string, data []byte) (*parsed, error){
	formatJSON: parseJSON,
	formatYAML: parseYAML,
	formatCSV:  parseCSV,
}

var extensions = map[string]format{
	".json": formatJSON,
	".yaml": formatYAML,
	".yml":  formatYAML,
	".csv":  formatCSV,
}

func (f format) valid() bool {
	_, ok := parsers[f]
	return ok
}

// formatNames lists the formats for messages, quoted as a user writes them.
func formatNames() []string {
	names := make([]string, 0, len(parsers))
	for f := range parsers {
		names = append(names, strconv.Quote(string(f)))
	}
	slices.Sort(names)
	return names
}

// formatOf returns the format of a file from its extension, or "" when the
// extension is not one the provider knows.
func formatOf(name string) format {
	return extensions[strings.ToLower(path.Ext(name))]
}

// parsed is one file's content and its items, each with the line it starts on.
type parsed struct {
	content any
	items   []item
	// documents are the file's documents: the documents of a multi-document
	// YAML file, none for an empty YAML file, else the content alone.
	documents []any
}

type item struct {
	line  int
	value any
}
