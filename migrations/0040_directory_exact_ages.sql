-- Open Referral UK types a service's ages as numbers ("from 10.5"): keep them exactly as a feed
-- gives them, so a 10-year-old is not matched to a service for ten and a half and over. Double
-- precision holds any JSON number as given and reaches JavaScript as a number.
ALTER TABLE directory_services
  ALTER COLUMN minimum_age TYPE double precision,
  ALTER COLUMN maximum_age TYPE double precision;
