-- A plan works on up to three goals at a time. When a goal is achieved or stopped, the young person
-- may set a new one in its place, so only goals still being worked on need distinct positions.
ALTER TABLE goals DROP CONSTRAINT goals_plan_id_position_key;
CREATE UNIQUE INDEX goals_active_position_idx ON goals (plan_id, position) WHERE status = 'active';
CREATE INDEX goals_plan_idx ON goals (plan_id, position, created_at);
