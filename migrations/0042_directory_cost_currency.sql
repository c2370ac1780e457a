-- The currency of a cost option (ISO 4217, e.g. 'GBP'), as Open Referral feeds give it beside the amount.
ALTER TABLE directory_cost_options ADD COLUMN currency text;
