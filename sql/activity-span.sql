-- The local dates ($tz) that calls or rep states can fall on: from the earliest call or rep state to
-- the newest event in the data (an open rep state runs at most to it: rep_states_in, migrations/009).
-- Months outside it have no calls and nobody on the phones, so staffing trends skip their
-- queries (analytics/trends/trends-staffing.ts). Null dates: no data at all.
SELECT strftime(timezone($tz, least((SELECT min(enter_ts) FROM calls), (SELECT min(start_ts) FROM rep_states))), '%Y-%m-%d') AS first,
       -- (the events' stored rows, migration 042: a time needs no view)
       strftime(timezone($tz, greatest((SELECT max(ts) FROM queue_event_rows),
                                       (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls),
                                       (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states))), '%Y-%m-%d') AS last;
