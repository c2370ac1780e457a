-- A green referral's reason read as "did not answer"; referrals already rated keep the clear wording too.
UPDATE referrals
   SET rating_reasons = array_replace(rating_reasons, 'No answer to the risk questions needs extra care', 'None of the risk answers raises a concern')
 WHERE 'No answer to the risk questions needs extra care' = ANY (rating_reasons);
