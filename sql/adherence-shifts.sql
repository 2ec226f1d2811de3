-- The shifts of published weeks from $from to $to (local dates; minutes of the center's day), with
-- their breaks (JSON): what adherence is judged against (analytics/staffing/adherence.ts). A week
-- still a draft, or being redrafted after publishing, has no shifts here.
SELECT s.rep_id, strftime(s.date, '%Y-%m-%d') AS date, s.start_minute, s.end_minute, s.template_id,
       CAST(s.breaks AS VARCHAR) AS breaks
FROM schedule_shifts s
JOIN schedule_weeks w ON w.week_start = s.week_start AND w.status = 'published'
WHERE s.date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
ORDER BY s.date, s.rep_id;
