-- Every report period built at least once (the retention rule: a period is open until its report is built).
SELECT DISTINCT kind, period FROM reports;
