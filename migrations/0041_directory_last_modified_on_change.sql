-- A service's last_modified moves only when the service changes. Before, any update that left it
-- alone touched it, so re-importing a feed (or a scheme's own export) marked every service as
-- changed just now and consumers asking for modified_after saw everything. An update that sets it
-- (an import keeps the feed's value) still wins; the generated search vector follows the rest.
CREATE OR REPLACE FUNCTION directory_touch_last_modified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.last_modified IS NOT DISTINCT FROM OLD.last_modified
     AND (to_jsonb(NEW) - 'last_modified' - 'search_vector') IS DISTINCT FROM (to_jsonb(OLD) - 'last_modified' - 'search_vector') THEN
    NEW.last_modified := now();
  END IF;
  RETURN NEW;
END
$$;
