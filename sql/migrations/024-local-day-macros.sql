-- The center's local dates as UTC instants, written once: a local date range [from, to] (both days
-- included) is the instants from local_day_start(tz, from) up to, not including, local_day_end(tz, to).
-- `day` may be a DATE or an ISO 'YYYY-MM-DD' text (bound $from / $to); `tz` an IANA zone name.
-- A day at a daylight-saving change is 23 or 25 hours long: timezone() places local midnight in the
-- zone, so the boundaries move with the clocks.
CREATE OR REPLACE MACRO local_day_start(tz, day) AS timezone(tz, CAST(CAST(day AS DATE) AS TIMESTAMP));
CREATE OR REPLACE MACRO local_day_end(tz, day) AS timezone(tz, CAST(CAST(day AS DATE) + 1 AS TIMESTAMP));
