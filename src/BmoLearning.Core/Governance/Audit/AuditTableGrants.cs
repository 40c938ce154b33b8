namespace BmoLearning.Core.Governance.Audit;

/// <summary>
/// PostgreSQL privileges for the audit table, run by the migration as the owner role that runs `bmo migrate`.
/// The application connects as a login role that is a member of <see cref="AppRole"/>: it reads and writes every
/// table but may only INSERT and SELECT audit entries, so even a compromised application cannot rewrite history.
/// Kept here, not inline in the generated migration, so a regenerated migration calls the same statements.
/// </summary>
public static class AuditTableGrants
{
    /// <summary>The group role the application's login role is granted (`GRANT bmo_app TO &lt;app user&gt;`).</summary>
    public const string AppRole = "bmo_app";

    public const string Postgres = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bmo_app') THEN
                CREATE ROLE bmo_app NOLOGIN;
            END IF;
        EXCEPTION
            -- Another database on the same server created it at the same moment: roles are per server.
            WHEN duplicate_object OR unique_violation THEN NULL;
        END
        $$;
        GRANT USAGE ON SCHEMA public TO bmo_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO bmo_app;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO bmo_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO bmo_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO bmo_app;
        REVOKE ALL ON audit_entries FROM bmo_app;
        REVOKE ALL ON audit_entries FROM PUBLIC;
        GRANT SELECT, INSERT ON audit_entries TO bmo_app;
        """;
}
