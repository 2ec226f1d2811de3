-- One sign-in attempt whose password was checked (attempts held back by the limits are not kept).
INSERT INTO signin_attempts (attempted_at, username, ip, ok) VALUES (CAST($now AS TIMESTAMPTZ), $username, $ip, $ok);
