-- The grants to linkway_app live in the cluster's catalog, not in the database's data: a dump
-- restored without them (pg_restore --no-acl, or into a server where the role does not exist)
-- leaves every request without rights while the migrations count as done. Each migration run
-- records the grants here, as data that travels with every dump, and start-up gives back any
-- that are missing.
CREATE TABLE app_role_grants (
  object_kind text NOT NULL CHECK (object_kind IN ('relation', 'sequence', 'column', 'function', 'schema')),
  object_name text NOT NULL,
  column_name text NOT NULL DEFAULT '',
  privilege text NOT NULL,
  PRIMARY KEY (object_kind, object_name, column_name, privilege)
);
-- Only the owner (the migrations and start-up) reads or writes it; linkway_app has no grant.
ALTER TABLE app_role_grants ENABLE ROW LEVEL SECURITY;

CREATE FUNCTION app_role_grants_in_catalog()
RETURNS TABLE (object_kind text, object_name text, column_name text, privilege text)
LANGUAGE sql STABLE AS $$
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'relation' END, c.oid::regclass::text, '', a.privilege_type
    FROM pg_class c, aclexplode(c.relacl) a
   WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 'linkway_app'::regrole
  UNION ALL
  SELECT 'column', c.oid::regclass::text, quote_ident(att.attname), a.privilege_type
    FROM pg_class c JOIN pg_attribute att ON att.attrelid = c.oid, aclexplode(att.attacl) a
   WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 'linkway_app'::regrole
  UNION ALL
  SELECT 'function', p.oid::regprocedure::text, '', a.privilege_type
    FROM pg_proc p, aclexplode(p.proacl) a
   WHERE p.pronamespace = 'public'::regnamespace AND a.grantee = 'linkway_app'::regrole
  UNION ALL
  SELECT 'schema', quote_ident(n.nspname), '', a.privilege_type
    FROM pg_namespace n, aclexplode(n.nspacl) a
   WHERE n.nspname = 'public' AND a.grantee = 'linkway_app'::regrole
$$;

-- After migrations: the record becomes exactly what the catalog grants now.
CREATE FUNCTION record_app_role_grants() RETURNS void LANGUAGE sql AS $$
  DELETE FROM app_role_grants;
  INSERT INTO app_role_grants SELECT * FROM app_role_grants_in_catalog();
$$;

-- At start-up: grants recorded but missing from the catalog are given again. Returns how many.
CREATE FUNCTION restore_app_role_grants() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  missing record;
  restored integer := 0;
BEGIN
  FOR missing IN SELECT * FROM app_role_grants EXCEPT SELECT * FROM app_role_grants_in_catalog() LOOP
    EXECUTE CASE missing.object_kind
      WHEN 'relation' THEN format('GRANT %s ON TABLE %s TO linkway_app', missing.privilege, missing.object_name)
      WHEN 'sequence' THEN format('GRANT %s ON SEQUENCE %s TO linkway_app', missing.privilege, missing.object_name)
      WHEN 'column' THEN format('GRANT %s (%s) ON TABLE %s TO linkway_app', missing.privilege, missing.column_name, missing.object_name)
      WHEN 'function' THEN format('GRANT %s ON FUNCTION %s TO linkway_app', missing.privilege, missing.object_name)
      ELSE format('GRANT %s ON SCHEMA %s TO linkway_app', missing.privilege, missing.object_name)
    END;
    restored := restored + 1;
  END LOOP;
  RETURN restored;
END
$$;
