-- Rows a mapping says are not calls (its `skip` rules: a caller who hung up in the voice menu and never
-- queued, a record the source documents as not a call). Counted apart from quarantined lines: they are
-- not errors, and they are not calls either. rows_read = rows_loaded + rows_quarantined + rows_skipped.
ALTER TABLE load_runs ADD COLUMN rows_skipped BIGINT DEFAULT 0;
