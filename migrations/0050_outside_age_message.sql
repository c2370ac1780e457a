-- The age-refusal page now always lists somewhere to turn and says which side of the range the age
-- fell on, so the default message no longer promises "services below" that may not be there.
ALTER TABLE scheme_settings ALTER COLUMN outside_age_message SET DEFAULT 'There is other support, and the people below can help you find it.';
UPDATE scheme_settings
   SET outside_age_message = 'There is other support, and the people below can help you find it.'
 WHERE outside_age_message = 'We can only support young people aged 13 to 25. The services below may be able to help instead.';
