-- How many opening-hour spans are set (none means silent intervals cannot be judged).
SELECT CAST(count(*) AS INTEGER) AS spans FROM queue_opening_hours;
