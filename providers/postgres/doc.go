// Package postgres is the "postgres" provider: the roles, role memberships,
// table privileges, security settings and extensions of a live PostgreSQL
// server, read from its catalogs (collect mode), or a document collect wrote
// earlier (load mode).
//
// # Configuration
//
//	provider "postgres" {
//	  alias    = "ledger"
//	  dsn      = env("LEDGER_DSN")          # the live server
//	  schemas  = ["ledger", "public"]       # optional; default ["public"]
//	  snapshot = "snapshots/ledger.json"    # optional: load this document instead
//	}
//
// dsn is a PostgreSQL connection string, a URL
// (postgres://USER@HOST:5432/DATABASE?sslmode=verify-full) or keyword/value
// pairs (host=… dbname=… user=…), with the environment variables and files
// libpq reads (PGPASSWORD, ~/.pgpass, PGSSLROOTCERT, …). It is parsed when
// the configuration is loaded; a malformed one is a diagnostic that gives the
// reason but never the string. Read it from the environment: a dsn written in
// the configuration with a password is a warning. An empty dsn counts as
// unset, so dsn = env("LEDGER_DSN", "") beside a snapshot works where the
// variable is not set. The dsn, and the password in it, never appear in the
// document, its parameters, an error or a warning: they name the server as
// postgres://USER@HOST:PORT/DATABASE.
//
// schemas lists the schemas whose table privileges are collected; it must
// not be empty or name a schema twice. A schema that does not exist on the
// server is a warning (its privileges would otherwise look like "none").
//
// snapshot names one file inside the policy repository: a document written by
// socle collect for a postgres provider. At least one of dsn and snapshot is
// required. Load reads the snapshot when there is one, and the live server
// otherwise; Collect always reads the live server and needs the dsn.
//
// # Collect
//
// Collect connects with the dsn (application_name "socle" unless the dsn
// sets one), within the context's deadline and at most 10 seconds, and reads
// pg_catalog in one READ ONLY, REPEATABLE READ transaction, so every part of
// the document describes the same moment; the document's collection time is
// the start of that transaction, on the server's clock. It writes nothing.
//
// The collecting role needs LOGIN and CONNECT on the database, and no
// superuser: the catalogs it reads are readable by every role. It should be a
// member of pg_read_all_settings, without which PostgreSQL hides
// shared_preload_libraries and pgaudit.* from it; a setting of the list below
// that it cannot see is a warning naming the grant to make.
//
// Whether a role has a password, and its hash, are in pg_authid, which only
// a superuser may read (pg_roles shows "********" for every role), so the
// document does not say; valid_until, the password's expiry, is readable.
//
// # Document
//
//	{
//	  "server":           { "version": "15.20 (Debian 15.20-0+deb12u1)", "version_num": 150020 },
//	  "roles":            { "<name>": <role>, … },
//	  "memberships":      [ { "role": "ledger_ro", "member": "analyst_jane", "admin_option": false }, … ],
//	  "table_privileges": [ <privilege>, … ],
//	  "settings":         { "<name>": { "setting": "scram-sha-256", "unit": null, "source": "default" }, … },
//	  "extensions":       { "<name>": { "version": "1.7" }, … }
//	}
//
// server is the server_version and server_version_num settings (the second a
// number).
//
// roles holds every role of the cluster (pg_roles), predefined pg_* roles
// included, keyed by name:
//
//	{
//	  "name":             "analyst_jane",
//	  "superuser":        false,                  // rolsuper
//	  "login":            true,                   // rolcanlogin
//	  "inherit":          true,                   // rolinherit
//	  "create_role":      false,                  // rolcreaterole
//	  "create_db":        false,                  // rolcreatedb
//	  "replication":      false,                  // rolreplication
//	  "bypass_rls":       false,                  // rolbypassrls
//	  "connection_limit": -1,                     // rolconnlimit; -1 is no limit
//	  "valid_until":      "2026-09-30T00:00:00Z", // rolvaliduntil; null: no expiry
//	  "member_of":        [ "ledger_ro" ]         // direct memberships, sorted
//	}
//
// valid_until is RFC 3339 in UTC whatever the session's time zone, or
// "infinity" (or "-infinity") as PostgreSQL writes them.
//
// memberships lists the direct role memberships (pg_auth_members), sorted by
// role then member: member is a member of role, with the right to grant it
// on when admin_option is true. Where PostgreSQL 16 and later record one
// membership granted several times, it is listed once, with admin_option true
// if any grant has it. member_of is the same information by member; a
// membership inherited through another role is in neither (follow member_of).
//
// table_privileges lists, sorted by schema, table, grantee, privilege and
// grantor, the privileges on the tables, views, materialized views, foreign
// tables and partitioned tables of the configured schemas (not sequences, nor
// column privileges):
//
//	{ "grantee": "ledger_rw", "grantor": "ledger_owner", "schema": "ledger",
//	  "table": "journal_entries", "privilege": "INSERT", "grantable": false }
//
// They are read from each relation's access control list (aclexplode), so
// the collecting role sees grants between any roles, unlike
// information_schema.table_privileges. A relation whose ACL was never changed
// has PostgreSQL's default: every privilege for its owner, listed as such.
// privilege is SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER
// (or MAINTAIN from PostgreSQL 17); grantee "PUBLIC" is every role;
// grantable is the grant option.
//
// settings holds these rows of pg_settings, when the role can see them:
// ssl, password_encryption, log_connections, log_disconnections,
// log_statement, log_min_duration_statement, shared_preload_libraries, and
// every pgaudit.* setting (present only where pgaudit is loaded). setting is
// the text pg_settings shows ("on", "-1", "ddl,role"), unit its unit ("ms") or
// null, source where the value comes from ("default", "configuration file",
// …).
//
// extensions holds the installed extensions (pg_extension) and their
// versions.
//
// Every list is sorted by byte order, not by the database's collation. The
// document's item count is the number of roles. Its parameters are host,
// port, database and user (from the dsn), schemas (comma-separated) and, in
// load mode, snapshot.
//
// # Snapshot
//
// A snapshot is such a document as JSON. Loading it checks its shape: every
// section and field present, of the right type, no unknown field, no key
// written twice, each role keyed by its name, and every membership and
// member_of naming a role of the document. A problem is an error with the
// file, line and column of the value at fault ("Invalid JSON" or "Invalid
// PostgreSQL snapshot"). Lists are sorted again, so a document written by
// hand loads as collect would have written it.
//
// The package reads files only through the repository file system it is
// given and imports nothing of the evaluator.
package postgres
