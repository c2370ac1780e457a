-- Most schemes are run by charities, councils or youth services, and the NHS logo is for NHS
-- organisations only: the header shows it only for a scheme that declares itself one.
ALTER TABLE scheme_settings ADD COLUMN is_nhs_organisation boolean NOT NULL DEFAULT false;

-- The scheme's own logo for the header, uploaded by its admin: a checked PNG or JPEG.
ALTER TABLE scheme_settings ADD COLUMN logo_file bytea;
ALTER TABLE scheme_settings ADD COLUMN logo_content_type text CHECK (logo_content_type IN ('image/png', 'image/jpeg'));

-- The public pages show the scheme's own header, so the listing says whether it is an NHS one and has a logo.
DROP FUNCTION public_schemes();
CREATE FUNCTION public_schemes() RETURNS TABLE (id uuid, name text, slug text, is_nhs_organisation boolean, has_logo boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.id, o.name, o.slug, coalesce(s.is_nhs_organisation, false), s.logo_content_type IS NOT NULL
    FROM organisations o LEFT JOIN scheme_settings s ON s.org_id = o.id
   ORDER BY o.name
$$;
GRANT EXECUTE ON FUNCTION public_schemes() TO linkway_app;
