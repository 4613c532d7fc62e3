package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// The queries read pg_catalog only, which every role may read: the
// collecting role needs LOGIN and CONNECT on the database, plus
// pg_read_all_settings to see shared_preload_libraries and pgaudit.*. Rows
// are sorted in Go (byte order), not by the database's collation.

func queryRoles(ctx context.Context, tx pgx.Tx) ([]role, error) {
	rows, err := tx.Query(ctx, `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
       rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil
FROM pg_catalog.pg_roles`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (role, error) {
		var r role
		var until pgtype.Timestamptz
		err := row.Scan(&r.name, &r.superuser, &r.inherit, &r.createRole, &r.createDB, &r.login,
			&r.replication, &r.bypassRLS, &r.connLimit, &until)
		r.validUntil = timestamp(until)
		return r, err
	})
}

// timestamp writes a timestamptz as RFC 3339 in UTC ("2026-01-01T00:00:00Z"),
// whatever the session's DateStyle and TimeZone; "infinity" and "-infinity"
// as PostgreSQL writes them; NULL as nil.
func timestamp(t pgtype.Timestamptz) *string {
	var s string
	switch {
	case !t.Valid:
		return nil
	case t.InfinityModifier == pgtype.Infinity:
		s = "infinity"
	case t.InfinityModifier == pgtype.NegativeInfinity:
		s = "-infinity"
	default:
		s = t.Time.UTC().Format(time.RFC3339Nano)
	}
	return &s
}

// queryMemberships reads direct role memberships. From PostgreSQL 16 a
// membership can be granted several times by different grantors: one row per
// (role, member), with the admin option if any grant has it.
func queryMemberships(ctx context.Context, tx pgx.Tx) ([]membership, error) {
	rows, err := tx.Query(ctx, `SELECT r.rolname, m.rolname, bool_or(a.admin_option)
FROM pg_catalog.pg_auth_members a
JOIN pg_catalog.pg_roles r ON r.oid = a.roleid
JOIN pg_catalog.pg_roles m ON m.oid = a.member
GROUP BY r.rolname, m.rolname`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (membership, error) {
		var m membership
		err := row.Scan(&m.role, &m.member, &m.admin)
		return m, err
	})
}

// querySchemas returns which of the configured schemas exist.
func querySchemas(ctx context.Context, tx pgx.Tx, schemas []string) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY($1)`, schemas)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// queryPrivileges reads the privileges on the tables, views, materialized
// views, foreign tables and partitioned tables of the schemas from their
// access control lists. A relation without an ACL has its default: every
// privilege for its owner. Unlike information_schema.table_privileges, this
// sees grants between roles the collecting role is not a member of. Grantee
// 0 is PUBLIC.
func queryPrivileges(ctx context.Context, tx pgx.Tx, schemas []string) ([]privilege, error) {
	rows, err := tx.Query(ctx, `SELECT coalesce(g.rolname, 'PUBLIC'), coalesce(o.rolname, a.grantor::text),
       n.nspname, c.relname, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee AND a.grantee <> 0
LEFT JOIN pg_catalog.pg_roles o ON o.oid = a.grantor
WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'v', 'm', 'f', 'p')`, schemas)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (privilege, error) {
		var p privilege
		err := row.Scan(&p.grantee, &p.grantor, &p.schema, &p.table, &p.privilege, &p.grantable)
		return p, err
	})
}

func querySettings(ctx context.Context, tx pgx.Tx) ([]setting, error) {
	rows, err := tx.Query(ctx, `SELECT name, setting, unit, source FROM pg_catalog.pg_settings
WHERE name = ANY($1) OR name LIKE 'pgaudit.%'`, settingNames)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (setting, error) {
		var s setting
		err := row.Scan(&s.name, &s.setting, &s.unit, &s.source)
		return s, err
	})
}

func queryExtensions(ctx context.Context, tx pgx.Tx) ([]extension, error) {
	rows, err := tx.Query(ctx, `SELECT extname, extversion FROM pg_catalog.pg_extension`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (extension, error) {
		var e extension
		err := row.Scan(&e.name, &e.version)
		return e, err
	})
}
