package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// testDSN is the server the live tests use: SOCLE_TEST_POSTGRES_DSN, or the
// loopback cluster .ci/run starts. It must allow creating roles.
func testDSN() string {
	if dsn := os.Getenv("SOCLE_TEST_POSTGRES_DSN"); dsn != "" {
		return dsn
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// admin connects to the test server, skipping the test when it does not
// answer, except under CI, where the server is part of the test environment.
func admin(t *testing.T) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, testDSN())
	if err != nil {
		where := "the server SOCLE_TEST_POSTGRES_DSN names"
		if os.Getenv("SOCLE_TEST_POSTGRES_DSN") == "" {
			where = "127.0.0.1:5432 (set SOCLE_TEST_POSTGRES_DSN to use another server)"
		}
		msg := fmt.Sprintf("no PostgreSQL server for the live tests at %s: %v", where, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; .ci/run starts one, set CI=false to skip these tests")
		}
		t.Skip(msg)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// fixture is the set of objects one live test creates, with unique names so
// that tests running at the same time on the same server do not meet.
type fixture struct {
	prefix string // role names start with it; the schema is named by it
	schema string
}

func (f fixture) role(name string) string { return f.prefix + name }

// setUp creates roles, a schema with tables and a view, grants and role
// memberships, and drops them all when the test ends, whatever its outcome.
func setUp(t *testing.T, conn *pgx.Conn) fixture {
	t.Helper()
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	f := fixture{prefix: "socle_t" + hex.EncodeToString(b) + "_"}
	f.schema = f.prefix + "ledger"
	ctx := context.Background()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		stmts := []string{fmt.Sprintf(`DROP SCHEMA IF EXISTS %s CASCADE`, f.schema)}
		for _, r := range []string{"app", "reader", "writers", "auditor", "owner"} {
			stmts = append(stmts, fmt.Sprintf(`DROP ROLE IF EXISTS %s`, f.role(r)))
		}
		for _, s := range stmts {
			if _, err := conn.Exec(ctx, s); err != nil {
				t.Errorf("cleaning up: %s: %v", s, err)
			}
		}
	})
	stmts := []string{
		`CREATE ROLE {owner} NOLOGIN`,
		`CREATE ROLE {app} LOGIN SUPERUSER`,
		`CREATE ROLE {reader} LOGIN CONNECTION LIMIT 5 VALID UNTIL '2031-03-04 05:06:07+00'`,
		`CREATE ROLE {writers} NOLOGIN NOINHERIT CREATEDB`,
		`CREATE ROLE {auditor} LOGIN CREATEROLE REPLICATION BYPASSRLS VALID UNTIL 'infinity'`,
		`GRANT {writers} TO {reader} WITH ADMIN OPTION`,
		`GRANT {writers} TO {app}`,
		`CREATE SCHEMA {schema} AUTHORIZATION {owner}`,
		`CREATE TABLE {schema}.journal (id bigint PRIMARY KEY, amount numeric NOT NULL)`,
		`CREATE TABLE {schema}.accounts (id bigint PRIMARY KEY, name text NOT NULL)`,
		`CREATE VIEW {schema}.balances AS SELECT id FROM {schema}.accounts`,
		`CREATE SEQUENCE {schema}.journal_seq`,
		`ALTER TABLE {schema}.journal OWNER TO {owner}`,
		`ALTER TABLE {schema}.accounts OWNER TO {owner}`,
		`ALTER VIEW {schema}.balances OWNER TO {owner}`,
		`ALTER SEQUENCE {schema}.journal_seq OWNER TO {owner}`,
		`REVOKE ALL ON {schema}.accounts FROM {owner}`,
		`GRANT SELECT ON {schema}.accounts TO {owner}`,
		`GRANT SELECT ON {schema}.journal, {schema}.accounts TO {reader}`,
		`GRANT INSERT, UPDATE ON {schema}.journal TO {writers} WITH GRANT OPTION`,
		`GRANT SELECT ON {schema}.balances TO PUBLIC`,
		`GRANT USAGE ON SEQUENCE {schema}.journal_seq TO {writers}`,
	}
	r := strings.NewReplacer("{schema}", f.schema, "{owner}", f.role("owner"), "{app}", f.role("app"),
		"{reader}", f.role("reader"), "{writers}", f.role("writers"), "{auditor}", f.role("auditor"))
	for _, s := range stmts {
		s = r.Replace(s)
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("setting up: %s: %v", s, err)
		}
	}
	return f
}

// collect configures a provider "postgres" block with the test DSN in an
// environment variable, as a configuration would, and collects.
func collect(t *testing.T, schemas string) *providers.Document {
	t.Helper()
	t.Setenv("SOCLE_TEST_LEDGER_DSN", testDSN())
	in, diags := Type{}.Configure(providertest.Body(t, `provider "postgres" {
  dsn     = env("SOCLE_TEST_LEDGER_DSN")
  schemas = `+schemas+`
}`), evalContext(), env())
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	doc, err := in.(providers.Collector).Collect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := providertest.CheckValue(doc.Value); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestCollect(t *testing.T) {
	conn := admin(t)
	f := setUp(t, conn)
	doc := collect(t, `["`+f.schema+`", "`+f.prefix+`missing"]`)
	v := doc.Value.(map[string]any)
	if d := time.Since(doc.CollectedAt); d < -time.Minute || d > time.Minute || doc.CollectedAt.Location() != time.UTC {
		t.Errorf("CollectedAt = %v, want the server's time of the collection, in UTC", doc.CollectedAt)
	}

	roles := v["roles"].(map[string]any)
	role := func(name string, superuser, login, inherit, createRole, createDB, replication, bypassRLS bool, limit string, until any, memberOf ...any) map[string]any {
		if memberOf == nil {
			memberOf = []any{}
		}
		return map[string]any{
			"name": name, "superuser": superuser, "login": login, "inherit": inherit,
			"create_role": createRole, "create_db": createDB, "replication": replication,
			"bypass_rls": bypassRLS, "connection_limit": json.Number(limit), "valid_until": until,
			"member_of": memberOf,
		}
	}
	wantRoles := map[string]any{
		f.role("owner"):   role(f.role("owner"), false, false, true, false, false, false, false, "-1", nil),
		f.role("app"):     role(f.role("app"), true, true, true, false, false, false, false, "-1", nil, f.role("writers")),
		f.role("reader"):  role(f.role("reader"), false, true, true, false, false, false, false, "5", "2031-03-04T05:06:07Z", f.role("writers")),
		f.role("writers"): role(f.role("writers"), false, false, false, false, true, false, false, "-1", nil),
		f.role("auditor"): role(f.role("auditor"), false, true, true, true, false, true, true, "-1", "infinity"),
	}
	gotRoles := map[string]any{}
	for name, r := range roles {
		if strings.HasPrefix(name, f.prefix) {
			gotRoles[name] = r
		}
	}
	check(t, "roles", gotRoles, wantRoles)
	if doc.Items != len(roles) {
		t.Errorf("Items = %d, want the number of roles, %d", doc.Items, len(roles))
	}
	for _, builtin := range []string{"pg_monitor", "pg_read_all_settings"} {
		if roles[builtin] == nil {
			t.Errorf("the predefined role %s is missing", builtin)
		}
	}

	var gotMemberships []any
	for _, m := range v["memberships"].([]any) {
		if strings.HasPrefix(m.(map[string]any)["member"].(string), f.prefix) {
			gotMemberships = append(gotMemberships, m)
		}
	}
	check(t, "memberships", gotMemberships, []any{
		map[string]any{"role": f.role("writers"), "member": f.role("app"), "admin_option": false},
		map[string]any{"role": f.role("writers"), "member": f.role("reader"), "admin_option": true},
	})

	// Only the configured schemas are read; the sequence is not a table.
	priv := func(grantee, table, privilege string, grantable bool) any {
		return map[string]any{"grantee": grantee, "grantor": f.role("owner"), "schema": f.schema, "table": table, "privilege": privilege, "grantable": grantable}
	}
	owner, reader, writers := f.role("owner"), f.role("reader"), f.role("writers")
	check(t, "table_privileges", v["table_privileges"], []any{
		priv(owner, "accounts", "SELECT", false),
		priv(reader, "accounts", "SELECT", false),
		priv("PUBLIC", "balances", "SELECT", false),
		priv(owner, "balances", "DELETE", false),
		priv(owner, "balances", "INSERT", false),
		priv(owner, "balances", "REFERENCES", false),
		priv(owner, "balances", "SELECT", false),
		priv(owner, "balances", "TRIGGER", false),
		priv(owner, "balances", "TRUNCATE", false),
		priv(owner, "balances", "UPDATE", false),
		priv(owner, "journal", "DELETE", false),
		priv(owner, "journal", "INSERT", false),
		priv(owner, "journal", "REFERENCES", false),
		priv(owner, "journal", "SELECT", false),
		priv(owner, "journal", "TRIGGER", false),
		priv(owner, "journal", "TRUNCATE", false),
		priv(owner, "journal", "UPDATE", false),
		priv(reader, "journal", "SELECT", false),
		priv(writers, "journal", "INSERT", true),
		priv(writers, "journal", "UPDATE", true),
	})

	var version, versionNum, encryption, encryptionSource string
	if err := conn.QueryRow(context.Background(), `SELECT current_setting('server_version'), current_setting('server_version_num'),
  setting, source FROM pg_settings WHERE name = 'password_encryption'`).Scan(&version, &versionNum, &encryption, &encryptionSource); err != nil {
		t.Fatal(err)
	}
	check(t, "server", v["server"], map[string]any{"version": version, "version_num": json.Number(versionNum)})
	settings := v["settings"].(map[string]any)
	check(t, "settings.password_encryption", settings["password_encryption"], map[string]any{"setting": encryption, "unit": nil, "source": encryptionSource})
	if s, ok := settings["log_min_duration_statement"].(map[string]any); !ok || s["unit"] != "ms" {
		t.Errorf("settings.log_min_duration_statement = %v, want a unit of ms", settings["log_min_duration_statement"])
	}
	for _, name := range settingNames {
		if settings[name] == nil {
			t.Errorf("settings.%s is missing", name)
		}
	}
	check(t, "extensions.plpgsql", v["extensions"].(map[string]any)["plpgsql"], map[string]any{"version": "1.0"})

	// The missing schema is a warning, not a silent "no privileges".
	if len(doc.Warnings) != 1 || doc.Warnings[0].Summary != "Schema not found" || !strings.Contains(doc.Warnings[0].Detail, f.prefix+"missing") {
		t.Errorf("Warnings = %v, want one naming the missing schema", doc.Warnings)
	}
	wantParams := map[string]string{"host": "127.0.0.1", "port": "5432", "database": "test", "user": "postgres", "schemas": f.schema + "," + f.prefix + "missing"}
	if os.Getenv("SOCLE_TEST_POSTGRES_DSN") == "" && !reflect.DeepEqual(doc.Params, wantParams) {
		t.Errorf("Params = %v, want %v", doc.Params, wantParams)
	}
}

// check compares a part of the document with what the test expects, showing
// both as JSON.
func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %s\n want %s", what, providertest.JSON(t, got), providertest.JSON(t, want))
	}
}

// TestCollectRoundTrip writes a collected document as socle collect does and
// loads it back as a snapshot: the same document.
func TestCollectRoundTrip(t *testing.T) {
	conn := admin(t)
	f := setUp(t, conn)
	doc := collect(t, `["`+f.schema+`", "public"]`)
	data, err := json.Marshal(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := parseSnapshot("ledger.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded.Value, doc.Value) {
		t.Errorf("loading the collected document changes it:\n got  %s\n want %s", providertest.JSON(t, loaded.Value), providertest.JSON(t, doc.Value))
	}
	if loaded.Items != doc.Items {
		t.Errorf("Items = %d after loading, %d collected", loaded.Items, doc.Items)
	}
}

// TestCollectAsUnprivilegedRole collects as a role that is not a superuser:
// it still sees every grant (from the ACLs, not information_schema), and the
// settings it cannot read are a warning naming the grant that fixes it.
func TestCollectAsUnprivilegedRole(t *testing.T) {
	conn := admin(t)
	f := setUp(t, conn)
	collector := f.role("collector")
	if _, err := conn.Exec(context.Background(), `CREATE ROLE `+collector+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Exec(context.Background(), `DROP ROLE IF EXISTS `+collector) }) //nolint:errcheck
	u, err := url.Parse(testDSN())
	if err != nil || u.Scheme == "" {
		t.Skipf("SOCLE_TEST_POSTGRES_DSN is not a URL; cannot change its user")
	}
	u.User = url.User(collector)
	probe, err := pgx.Connect(context.Background(), u.String())
	if err != nil {
		t.Skipf("the server does not let %s log in without a password (%v)", collector, err)
	}
	probe.Close(context.Background())

	t.Setenv("SOCLE_TEST_POSTGRES_DSN", u.String())
	doc := collect(t, `["`+f.schema+`"]`)
	if n := len(doc.Value.(map[string]any)["table_privileges"].([]any)); n != 20 {
		t.Errorf("an unprivileged role sees %d table privileges, want all 20", n)
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0].Summary != "Settings not visible" ||
		!strings.Contains(doc.Warnings[0].Detail, "shared_preload_libraries") ||
		!strings.Contains(doc.Warnings[0].Detail, `GRANT pg_read_all_settings TO "`+collector+`"`) {
		t.Errorf("Warnings = %v, want one about shared_preload_libraries", doc.Warnings)
	}
	if doc.Params["user"] != collector {
		t.Errorf("Params = %v, want user %s", doc.Params, collector)
	}
}
