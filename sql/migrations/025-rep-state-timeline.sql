-- Rep states over time (issue 14, "rep states with pause reasons"). Asterisk logs no wrap-up: a
-- queue's `wrapuptime` (queues.conf) keeps its members from new calls for that many seconds after
-- each call. Callboard takes it per queue from this setting where a call carries no wrap-up of its
-- own (calls.wrap_s, filled by sources that record one); 0 = no wrap-up.
ALTER TABLE queue_settings ADD COLUMN wrap_up_s DOUBLE DEFAULT 0;
