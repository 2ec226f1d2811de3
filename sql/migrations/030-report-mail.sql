-- Reports by email (issue 17). The SMTP server the periodic reports are mailed through, who gets which
-- report, and an outbox: one row per (report version, recipient), so a mail is queued once and sent once
-- however often the server restarts, and a failed one is tried again on a back-off (app/server/mail/).

-- One row (id 1). The password is kept for sending and never read back out by any API or page.
CREATE TABLE mail_server (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  host          VARCHAR NOT NULL,
  port          INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  tls           VARCHAR NOT NULL CHECK (tls IN ('none', 'starttls', 'tls')), -- tls: smtps (465); starttls: upgrade after connecting
  username      VARCHAR,
  password      VARCHAR,
  from_address  VARCHAR NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE mail_subscription_ids START 1;

-- Who gets which periodic report. user_id is set when a manager subscribed themself (they may remove
-- only their own); an admin's entries for others have it null.
CREATE TABLE mail_subscriptions (
  id          INTEGER PRIMARY KEY DEFAULT nextval('mail_subscription_ids'),
  kind        VARCHAR NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
  address     VARCHAR NOT NULL,             -- lower case
  user_id     INTEGER,
  created_by  VARCHAR NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (kind, address)
);

CREATE SEQUENCE mail_outbox_ids START 1;

-- status: queued (waiting for its next attempt), sending (claimed by a sender), sent, failed (gave up).
CREATE TABLE mail_outbox (
  id               INTEGER PRIMARY KEY DEFAULT nextval('mail_outbox_ids'),
  report_id        INTEGER NOT NULL,
  recipient        VARCHAR NOT NULL,
  status           VARCHAR NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  queued_at        TIMESTAMPTZ NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ,             -- null once sent or given up
  last_attempt_at  TIMESTAMPTZ,
  last_error       VARCHAR,
  sent_at          TIMESTAMPTZ,
  message_id       VARCHAR NOT NULL,        -- the same on every attempt, so a receiver can drop a copy
  queued_by        VARCHAR NOT NULL,        -- 'schedule' or who sent it by hand
  UNIQUE (report_id, recipient)
);
