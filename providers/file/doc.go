// Package file is the "file" provider: structured files kept in the policy
// repository (exports, inventories, configuration) read as they are.
//
// # Configuration
//
//	provider "file" {
//	  snapshot = "snapshots/hr/*.csv" # required
//	  format   = "csv"                # optional
//	}
//
// snapshot names a file, a directory (read recursively, skipping names that
// start with a dot) or a glob ("*" does not cross "/"), relative to the policy
// repository; it must stay inside it. Nothing matching is an error.
//
// format is "json", "yaml" or "csv" and applies to every file. Without it,
// each file's extension decides: .json, .yaml or .yml, .csv. A file with
// another extension is skipped with a warning; if no file is left, loading
// fails.
//
// # Document
//
//	{
//	  "files":     { "<path>": <content>, … },
//	  "documents": { "<path>": [ <document>, … ], … },
//	  "items":   [ { "file": "<path>", "line": <n>, "value": <item> }, … ],
//	  "content": <content>
//	}
//
// files maps each file read (its path relative to the repository) to its
// content; a skipped file is not there, nor in the document's sources. content repeats the content of the only file when exactly one file
// was read, and is absent otherwise, so a policy on a single file can write
// input.file.content.
//
// documents lists each file's documents: a multi-document YAML file's
// documents (none for an empty YAML file); otherwise the file's content alone.
// They are the same values as in files. Conftest-style controls evaluate each
// document on its own.
//
// A file's content keeps its keys and types: JSON and YAML as parsed; a YAML
// file of several documents is the array of its documents (empty documents,
// such as after a final "---", are not counted); an empty YAML file is null.
// CSV content is an array of objects, one per row after the header row, keyed
// by column name, every cell a string.
//
// items lists what a file holds, ordered by file path then position, each
// with the 1-based line where it starts: a CSV file's rows; a multi-document
// YAML file's documents; else the elements of a top-level array; else the
// single top-level value. An item's value is the same value as in files.
//
// Numbers are JSON numbers written as in the file (YAML numbers that are not
// valid JSON, such as 0x1F or 1_000, in decimal; .inf and .nan stay strings).
// YAML timestamps, binary values and values with an application tag (!Ref x)
// are the strings written; mapping keys that are not strings are their text;
// merge keys (<<) are applied; a key written twice is an error.
//
// Malformed files are errors with the file, line and column (when known):
// "Invalid JSON", "Invalid YAML", "Invalid CSV" (including a row with more or
// fewer fields than the header, or a column named twice).
//
// The package reads files only through the repository file system it is
// given and imports nothing of the evaluator.
package file
