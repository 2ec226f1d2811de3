-- Whether an admin has turned open data on (settings key open_data_enabled; off unless set).
SELECT COALESCE((SELECT TRY_CAST(CAST(value AS VARCHAR) AS BOOLEAN) FROM settings WHERE key = 'open_data_enabled'), false) AS enabled;
