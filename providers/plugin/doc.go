// Package plugin runs third-party provider plug-ins: a provider type TYPE
// implemented by an executable named socle-provider-TYPE that speaks a small,
// versioned JSON protocol on its standard input and output, one request per
// run. PROTOCOL.md, beside this file, is the protocol's reference for plug-in
// authors.
//
// # Finding and running a plug-in
//
// Discover finds socle-provider-TYPE in the directories the configuration
// names, then on PATH; New makes it a providers.Type. The caller (the
// evaluator) does this for a provider block whose type is not built in.
//
// Configure sends the schema request once per Type and decodes the provider
// block with the attributes the plug-in declares (hcldec, with the types it
// names): an unknown attribute, a missing required one or a value of the
// wrong type is a diagnostic on the block's line, as for a built-in type. A
// plug-in that cannot answer is a diagnostic on the block. The block's
// attributes become the request's config, a JSON object (attributes not set,
// or set to null, are absent).
//
// Load and, when the plug-in lists the collect mode, Collect (the instance is
// then a providers.Collector) send the load or collect request with the config
// and the repository's absolute path, running the plug-in in that directory
// with socle's environment (a plug-in that collects reads its credentials
// there). Every run is bounded: a time limit (Type.Timeout, DefaultTimeout;
// Type.SchemaTimeout, DefaultSchemaTimeout for schema), a limit on its
// standard output (Type.MaxOutput, DefaultMaxOutput; 1 MiB for schema). No
// shell is involved. On Unix the plug-in runs in a process group of its own,
// stopped whole at a limit or on cancellation.
//
// # Document
//
// The document is the plug-in's, as it wrote it: numbers as json.Number,
// objects as map[string]any. Items, Sources, Warnings, Locations and
// CollectedAt are those of its response, checked (paths must stay inside the
// repository; sources are sorted and deduplicated). Params are the plug-in's
// plus, set by socle:
//
//	"plugin":         "socle-provider-TYPE"
//	"plugin_version": "<the version its schema gives>"   // when it gives one
//
// testdata/sample.json is the document of the test plug-in
// (testdata/socle-provider-inventory), loading testdata/repo.
//
// # Errors
//
// An error the plug-in reports naming a file of the repository is a
// *providers.SourceError (file, line, column). Anything else is an *Error
// naming the plug-in and the request: an error it reports without a file; a
// plug-in that cannot start, exits with a status other than 0, is killed,
// runs out of time, writes too much, leaves a process holding its output, or
// answers something that is not a response of this protocol (the line and
// column of its standard output are given); a protocol version other than
// Protocol. An *Error carries the end of the plug-in's standard error.
//
// The package imports nothing of the evaluator.
package plugin
