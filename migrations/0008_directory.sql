-- The community asset directory, shaped like Open Referral UK 3.0 so a feed can be imported and the
-- directory served back as one, plus what link workers need: categories, needs, how to refer,
-- waiting time, inclusion notes, freshness, and their own private notes.
--
-- Identifiers. Every table's key is (org_id, id): `id` is the ORUK identifier, kept as it came in a
-- feed so a re-import updates the same records (upsert by id). It is unique within a scheme, not
-- across schemes, because two neighbouring schemes may import the same provider's feed or the same
-- published taxonomy, which carry the same ids; each scheme keeps its own copy and neither can see
-- or overwrite the other's. The public ORUK API is per scheme, so its ids are unique where they are
-- served. References between directory tables therefore name both columns.
--
-- Visibility. Directory data is not personal data. Staff of the scheme read all of it; staff other
-- than commissioners change it. The 'public' role (the ORUK API) reads only services the scheme has
-- marked public and what hangs off them, never link workers' private notes.
--
-- ORUK parts Linkway does not query (service areas, languages, funding, organisation identifiers,
-- location accessibility) are kept as the ORUK JSON they arrived as, so they survive a round trip.

CREATE TABLE directory_organizations (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  email text,
  website text,
  logo text,
  uri text,
  -- Often names an organisation outside the feed, so it is not a foreign key.
  parent_organization_id uuid,
  organization_identifiers jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX directory_organizations_name_idx ON directory_organizations (org_id, lower(name));

CREATE TABLE directory_services (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  url text,
  email text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  fees text,
  accreditations text,
  minimum_age integer CHECK (minimum_age BETWEEN 0 AND 150),
  maximum_age integer CHECK (maximum_age BETWEEN 0 AND 150),
  assured_date date,
  assurer_email text,
  alert text,
  -- Set on every change unless the change sets it itself (an import keeps the feed's value).
  last_modified timestamptz NOT NULL DEFAULT now(),
  service_areas jsonb NOT NULL DEFAULT '[]',
  languages jsonb NOT NULL DEFAULT '[]',
  funding jsonb NOT NULL DEFAULT '[]',

  -- Linkway's own fields. Categories are also served to ORUK consumers as terms of the built-in
  -- Linkway taxonomy (src/oruk/linkway-taxonomy.ts); this column is the truth.
  categories text[] NOT NULL DEFAULT '{}'
    CHECK (categories <@ ARRAY['creative', 'social', 'indoor', 'self_care', 'sports', 'vocational_educational']),
  -- Codes from the referral needs list (src/referrals/codes.ts NEEDS).
  needs text[] NOT NULL DEFAULT '{}',
  cost text NOT NULL DEFAULT 'free' CHECK (cost IN ('free', 'paid')),
  cost_pence integer CHECK (cost_pence >= 0),
  -- What the amount is for, e.g. "per session"; bursaries or concessions.
  cost_note text,
  referral_method text NOT NULL DEFAULT 'signpost'
    CHECK (referral_method IN ('signpost', 'email', 'online_form', 'attached_form')),
  referral_email text,
  referral_url text,
  waiting_weeks integer CHECK (waiting_weeks BETWEEN 0 AND 520),
  taking_referrals boolean NOT NULL DEFAULT true,
  -- Codes such as lgbtq_friendly, girls_only, send; the note says the rest in words.
  inclusion_tags text[] NOT NULL DEFAULT '{}',
  inclusion_note text,
  public boolean NOT NULL DEFAULT false,
  last_checked_at timestamptz,
  last_checked_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(inclusion_note, '') || ' ' || coalesce(alert, '')), 'C')
  ) STORED,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, organization_id) REFERENCES directory_organizations (org_id, id),
  CHECK (cost = 'paid' OR cost_pence IS NULL),
  CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age)
);
CREATE INDEX directory_services_organization_idx ON directory_services (org_id, organization_id);
CREATE INDEX directory_services_name_idx ON directory_services (org_id, lower(name));
CREATE INDEX directory_services_age_idx ON directory_services (org_id, minimum_age, maximum_age);
CREATE INDEX directory_services_checked_idx ON directory_services (org_id, last_checked_at NULLS FIRST);
CREATE INDEX directory_services_public_idx ON directory_services (org_id, name) WHERE public;
CREATE INDEX directory_services_categories_idx ON directory_services USING gin (categories);
CREATE INDEX directory_services_needs_idx ON directory_services USING gin (needs);
CREATE INDEX directory_services_inclusion_idx ON directory_services USING gin (inclusion_tags);
CREATE INDEX directory_services_search_idx ON directory_services USING gin (search_vector);

CREATE FUNCTION directory_touch_last_modified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.last_modified IS NOT DISTINCT FROM OLD.last_modified THEN
    NEW.last_modified := now();
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER directory_services_last_modified BEFORE UPDATE ON directory_services
  FOR EACH ROW EXECUTE FUNCTION directory_touch_last_modified();

-- An attached referral form, kept apart so listing services never reads the file.
CREATE TABLE directory_referral_forms (
  org_id uuid NOT NULL,
  service_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, service_id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE
);

-- Link workers' own words on how welcoming a service is. Never served by the ORUK API or exported.
CREATE TABLE directory_private_notes (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  note text NOT NULL,
  written_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_private_notes_service_idx ON directory_private_notes (org_id, service_id, created_at DESC);

CREATE TABLE directory_locations (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  location_type text NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
  name text,
  description text,
  -- Not range-checked: feeds in the wild carry placeholder coordinates, and a bad one only
  -- makes a distance wrong.
  latitude double precision,
  longitude double precision,
  external_identifier text,
  external_identifier_type text,
  -- Upper case with one space (e.g. 'NE1 4ST'), copied from the physical address for filtering.
  postcode text,
  accessibility jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX directory_locations_postcode_idx ON directory_locations (org_id, postcode);
CREATE INDEX directory_locations_position_idx ON directory_locations (org_id, latitude, longitude);

CREATE TABLE directory_addresses (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL,
  attention text,
  address_1 text NOT NULL,
  city text NOT NULL,
  region text,
  state_province text NOT NULL DEFAULT '',
  postal_code text NOT NULL,
  country text NOT NULL DEFAULT 'GB',
  address_type text NOT NULL DEFAULT 'physical' CHECK (address_type IN ('physical', 'postal', 'virtual')),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, location_id) REFERENCES directory_locations (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_addresses_location_idx ON directory_addresses (org_id, location_id);

CREATE TABLE directory_service_at_locations (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  location_id uuid NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, location_id) REFERENCES directory_locations (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_service_at_locations_service_idx ON directory_service_at_locations (org_id, service_id);
CREATE INDEX directory_service_at_locations_location_idx ON directory_service_at_locations (org_id, location_id);

-- When a service runs: RFC 5545 recurrence parts, for the whole service or at one location.
CREATE TABLE directory_schedules (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid,
  service_at_location_id uuid,
  valid_from date,
  valid_to date,
  dtstart date,
  freq text CHECK (freq IN ('WEEKLY', 'MONTHLY')),
  interval integer CHECK (interval > 0),
  -- Comma-separated days, e.g. 'MO,WE'.
  byday text,
  bymonthday text,
  description text,
  opens_at time,
  closes_at time,
  schedule_link text,
  attending_type text,
  notes text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, service_at_location_id) REFERENCES directory_service_at_locations (org_id, id) ON DELETE CASCADE,
  CHECK (service_id IS NOT NULL OR service_at_location_id IS NOT NULL)
);
CREATE INDEX directory_schedules_service_idx ON directory_schedules (org_id, service_id);
CREATE INDEX directory_schedules_service_at_location_idx ON directory_schedules (org_id, service_at_location_id);

CREATE TABLE directory_contacts (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  name text,
  title text,
  -- Linkway's own: ORUK UK's contact has no email, so it is not served.
  email text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_contacts_service_idx ON directory_contacts (org_id, service_id);

CREATE TABLE directory_phones (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL,
  number text NOT NULL,
  description text,
  languages jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES directory_contacts (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_phones_contact_idx ON directory_phones (org_id, contact_id);

CREATE TABLE directory_cost_options (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  valid_from date,
  valid_to date,
  option text,
  amount numeric(10, 2),
  amount_description text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_cost_options_service_idx ON directory_cost_options (org_id, service_id);

CREATE TABLE directory_taxonomies (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  uri text,
  version text,
  PRIMARY KEY (org_id, id)
);

-- taxonomy_id and parent_id often name things outside the feed, so they are not foreign keys.
CREATE TABLE directory_taxonomy_terms (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  parent_id uuid,
  taxonomy text,
  taxonomy_id uuid,
  term_uri text,
  term text,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX directory_taxonomy_terms_taxonomy_idx ON directory_taxonomy_terms (org_id, taxonomy_id);

-- Links a service (or another directory record) to a taxonomy term.
CREATE TABLE directory_attributes (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  link_entity text NOT NULL CHECK (link_entity IN ('service', 'organization', 'location', 'address', 'contact')),
  link_id uuid NOT NULL,
  taxonomy_term_id uuid NOT NULL,
  link_type text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, taxonomy_term_id) REFERENCES directory_taxonomy_terms (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_attributes_link_idx ON directory_attributes (org_id, link_entity, link_id);
CREATE INDEX directory_attributes_term_idx ON directory_attributes (org_id, taxonomy_term_id);

-- The old placeholder is replaced by the tables above.
DROP TABLE community_assets;

-- Row-level security -------------------------------------------------------------------------
-- Staff who may change the directory; every staff role may read it.
CREATE FUNCTION may_edit_directory(row_org uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT row_org = app_org_id() AND app_role() IN ('admin', 'manager', 'link_worker')
$$;
CREATE FUNCTION may_read_directory(row_org uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT row_org = app_org_id() AND app_role() IS DISTINCT FROM 'public'
$$;

ALTER TABLE directory_services ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_services FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_services FOR SELECT USING (org_id = app_org_id() AND public);
CREATE POLICY staff_edit ON directory_services USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

-- For the public, everything else is visible only through a public service. Subqueries here are
-- themselves filtered by the services policy, so "exists" means "exists and is public".
ALTER TABLE directory_organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_organizations FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_organizations FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_services s WHERE s.org_id = directory_organizations.org_id AND s.organization_id = directory_organizations.id));
CREATE POLICY staff_edit ON directory_organizations USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_service_at_locations ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_service_at_locations FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_service_at_locations FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_services s WHERE s.org_id = directory_service_at_locations.org_id AND s.id = directory_service_at_locations.service_id));
CREATE POLICY staff_edit ON directory_service_at_locations USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_locations ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_locations FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_locations FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_service_at_locations sl WHERE sl.org_id = directory_locations.org_id AND sl.location_id = directory_locations.id));
CREATE POLICY staff_edit ON directory_locations USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_addresses ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_addresses FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_addresses FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_locations l WHERE l.org_id = directory_addresses.org_id AND l.id = directory_addresses.location_id));
CREATE POLICY staff_edit ON directory_addresses USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_schedules FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_schedules FOR SELECT USING (org_id = app_org_id() AND (
  EXISTS (SELECT 1 FROM directory_services s WHERE s.org_id = directory_schedules.org_id AND s.id = directory_schedules.service_id)
  OR EXISTS (SELECT 1 FROM directory_service_at_locations sl
             WHERE sl.org_id = directory_schedules.org_id AND sl.id = directory_schedules.service_at_location_id)));
CREATE POLICY staff_edit ON directory_schedules USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_contacts FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_contacts FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_services s WHERE s.org_id = directory_contacts.org_id AND s.id = directory_contacts.service_id));
CREATE POLICY staff_edit ON directory_contacts USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_phones ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_phones FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_phones FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_contacts c WHERE c.org_id = directory_phones.org_id AND c.id = directory_phones.contact_id));
CREATE POLICY staff_edit ON directory_phones USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_cost_options ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_cost_options FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_cost_options FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_services s WHERE s.org_id = directory_cost_options.org_id AND s.id = directory_cost_options.service_id));
CREATE POLICY staff_edit ON directory_cost_options USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_referral_forms ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_referral_forms FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_referral_forms FOR SELECT USING (org_id = app_org_id() AND EXISTS (
  SELECT 1 FROM directory_services s WHERE s.org_id = directory_referral_forms.org_id AND s.id = directory_referral_forms.service_id));
CREATE POLICY staff_edit ON directory_referral_forms USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

-- Vocabularies are public in themselves.
ALTER TABLE directory_taxonomies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON directory_taxonomies FOR SELECT USING (org_id = app_org_id());
CREATE POLICY staff_edit ON directory_taxonomies USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_taxonomy_terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON directory_taxonomy_terms FOR SELECT USING (org_id = app_org_id());
CREATE POLICY staff_edit ON directory_taxonomy_terms USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_attributes ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_attributes FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY public_read ON directory_attributes FOR SELECT USING (org_id = app_org_id() AND CASE link_entity
  WHEN 'service' THEN EXISTS (SELECT 1 FROM directory_services s WHERE s.org_id = directory_attributes.org_id AND s.id = directory_attributes.link_id)
  WHEN 'organization' THEN EXISTS (SELECT 1 FROM directory_organizations o WHERE o.org_id = directory_attributes.org_id AND o.id = directory_attributes.link_id)
  WHEN 'location' THEN EXISTS (SELECT 1 FROM directory_locations l WHERE l.org_id = directory_attributes.org_id AND l.id = directory_attributes.link_id)
  ELSE false END);
CREATE POLICY staff_edit ON directory_attributes USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

-- Private notes: staff only, never the public.
ALTER TABLE directory_private_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_private_notes FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY staff_edit ON directory_private_notes USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON directory_organizations, directory_services, directory_referral_forms,
  directory_private_notes, directory_locations, directory_addresses, directory_service_at_locations, directory_schedules,
  directory_contacts, directory_phones, directory_cost_options, directory_taxonomies, directory_taxonomy_terms,
  directory_attributes TO linkway_app;
GRANT EXECUTE ON FUNCTION may_edit_directory(uuid), may_read_directory(uuid) TO linkway_app;
