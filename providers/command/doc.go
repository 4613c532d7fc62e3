// Package command is the "command" provider: a program's JSON output. It
// runs a program, with arguments and without a shell, and the one JSON value
// the program writes to its standard output is the document.
//
// # Configuration
//
//	provider "command" {
//	  alias      = "idp"
//	  command    = ["./export-users", "--active"] # required: the program, then its arguments
//	  dir        = "scripts"                      # optional; default the repository root
//	  timeout    = "2m"                           # optional; default "30s"
//	  max_output = 16777216                       # optional; bytes, default 64 MiB
//	  env        = { IDP_TOKEN = env("IDP_TOKEN") } # optional
//	}
//
// command is a list of strings: the program, then its arguments, passed as
// they are (no shell: no globbing, quoting, pipes or variables; run
// ["/bin/sh", "script.sh"] for a script, or ["/bin/sh", "-c", "…"] to ask for
// a shell). A program named without a "/" is looked up on PATH; one with a
// "/" is relative to dir. Numbers and booleans in the list are passed as
// their text.
//
// dir is the working directory, a directory of the policy repository
// (relative to it, and inside it); it must exist when the program runs.
//
// timeout is the time limit for the whole run, a Go duration ("90s",
// "1h30m"). The program runs in its own process group (on Unix); at the time
// limit, when the output passes max_output, or when socle is interrupted,
// the whole group is killed, so the processes the program started die with
// it. Processes it left in its group when it exits are killed too.
//
// max_output is the most the program may write to its standard output, in
// bytes (at least 1).
//
// env adds environment variables (a map of strings) to socle's own, which
// the program inherits; a variable of the same name is replaced. Standard
// input is empty (/dev/null).
//
// socle runs the program with the rights of whoever runs socle: a command
// provider in a pull request's configuration runs that pull request's
// program.
//
// Load and Collect both run the program: its output is the state of the
// system at that moment.
//
// # Document
//
// The document is the JSON value the program wrote, as it is: keys, types
// and numbers unchanged (numbers are JSON numbers as written). A UTF-8 byte
// order mark before it is ignored. The item count is the number of elements
// when the value is an array, and 1 otherwise. The document has no source
// files; its collection time is when the program started. Its parameters
// are program (the first element of command), args (the other elements as a
// JSON array, where an argument computed from variables or functions, such
// as env("TOKEN"), is "(computed)" in case it is a secret), dir, timeout,
// max_output and env (the names of the added variables, comma-separated;
// never their values).
//
// # Errors
//
// A program that cannot be started, exits with a status other than 0, is
// killed by a signal, passes its time limit or max_output, writes nothing,
// or writes something other than exactly one JSON value (JSON Lines are two
// values or more) is an *Error naming the program and quoting the last 2 KiB
// of its standard error. Invalid JSON is reported with its line and column
// in the standard output.
//
// The package imports nothing of the evaluator.
package command
