-- Inclusion criteria Linkway can check, beside the free text: the areas the scheme covers (postcode
-- districts such as LS6), and the GP practices and schools it works with. An empty list checks nothing.
-- Triage flags a referral outside them for the manager to judge; nothing is refused on its own.
ALTER TABLE scheme_settings
  ADD COLUMN included_areas text[] NOT NULL DEFAULT '{}',
  ADD COLUMN included_gp_practices text[] NOT NULL DEFAULT '{}',
  ADD COLUMN included_schools text[] NOT NULL DEFAULT '{}';
