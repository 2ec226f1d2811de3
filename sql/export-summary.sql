-- The 15-minute summary of the data-lake export: call_slices as kept by every load (the calls
-- judged by each queue's settings in force, per 15 minutes of real time and queue; migration 008),
-- with the local start of the slice and its month in the center's zone ($tz).
SELECT slice_ts, timezone($tz, slice_ts) AS local_slice_start, queue,
       offered, answered, abandoned, short_abandoned, timed_out, blocked, answered_within_sl, sl_denominator,
       answered_wait_sum, answered_wait_n, handle_sum, handle_n, abandon_wait_sum, abandon_wait_n,
       max_wait_s, ring_no_answer, transferred,
       strftime(timezone($tz, slice_ts), '%Y-%m') AS month
FROM call_slices
