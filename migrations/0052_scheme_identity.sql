-- Most schemes are run by charities, councils or youth services, and the NHS logo is for NHS
-- organisations only: the header shows it only for a scheme that declares itself one.
ALTER TABLE scheme_settings ADD COLUMN is_nhs_organisation boolean NOT NULL DEFAULT false;

-- The public pages show the scheme's own header, so the listing says whether it is an NHS one.
DROP FUNCTION public_schemes();
CREATE FUNCTION public_schemes() RETURNS TABLE (id uuid, name text, slug text, is_nhs_organisation boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.id, o.name, o.slug, coalesce(s.is_nhs_organisation, false)
    FROM organisations o LEFT JOIN scheme_settings s ON s.org_id = o.id
   ORDER BY o.name
$$;
GRANT EXECUTE ON FUNCTION public_schemes() TO linkway_app;
