-- What the sign-in limits (app/server/sign-in-limits.ts) need to know before a password is checked:
-- the account's failures since its last success (from any address), the address's failures within the
-- window, and the newest failure of this account from this address within it. Times as epoch ms.
-- $now is the caller's clock (tests move it), $window_minutes the address window.
WITH since_ok AS (
  SELECT coalesce(max(attempted_at), '-infinity'::TIMESTAMPTZ) AS ok_at
  FROM signin_attempts WHERE username = $username AND ok
),
failures AS (
  SELECT username, ip, attempted_at
  FROM signin_attempts
  WHERE NOT ok AND attempted_at <= CAST($now AS TIMESTAMPTZ)
),
windowed AS (
  SELECT * FROM failures
  WHERE ip = $ip AND attempted_at > CAST($now AS TIMESTAMPTZ) - to_minutes(CAST($window_minutes AS BIGINT))
)
SELECT
  (SELECT count(*) FROM failures WHERE username = $username AND attempted_at > (SELECT ok_at FROM since_ok)) AS account_failures,
  (SELECT epoch_ms(max(attempted_at)) FROM failures WHERE username = $username AND attempted_at > (SELECT ok_at FROM since_ok)) AS account_last_failure_ms,
  (SELECT count(*) FROM windowed) AS address_failures,
  (SELECT epoch_ms(max(attempted_at)) FROM windowed WHERE username = $username) AS pair_last_failure_ms;
