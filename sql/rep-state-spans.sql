-- The raw spans a rep's states over time are cut from, for the local dates $from..$to ($tz, $to
-- inclusive), clipped to that range: one row per span, with the rep (roster person, else the
-- interface's id as GET /api/reps gives it), the interface, the kind and, for pauses, the reason.
-- analytics/reps/rep-state-timeline.ts lays them over each other by precedence
-- (on_call > ringing > wrap_up > paused > available) inside the logged-in time; the live floor
-- (app/server/live/) reads today's spans to say what each rep is doing now. `open`: a log-in or pause
-- still holding in the file being written, or a call in talk with no end yet (its span runs to the
-- newest data here; live, to now). `queue`: the log-in's or call's queue ('NONE' for pauses).
--   logged_in  every log-in interval (any queue; overlapping ones are merged by the caller)
--   paused     every pause (PAUSE/PAUSEALL in several queues at once is already one, derive-rep-states.sql),
--              reason = the PAUSE line's data1 (Asterisk's reason_paused); both end by rep_state_ends (018)
--   on_call    an answered call's CONNECT .. its end (a call still in talk: until the newest data)
--   ringing    a ring that was not answered: RINGNOANSWER's time minus its ring time; and the ring
--              before each CONNECT (its data3, ring seconds), both only where the PBX logged the length
--   wrap_up    after an answered call: the call's own wrap_s, else its queue's wrap_up_s (025; 0 = none)
-- (The definition is the table macro rep_state_spans, migration 041.)
SELECT * FROM rep_state_spans($tz, $from, $to)
ORDER BY rep_id, start_s;
