-- Hides an annotation (it stays in the table with deleted_at set).
UPDATE annotations SET deleted_at = now() WHERE id = $id AND deleted_at IS NULL;
