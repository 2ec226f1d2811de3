-- The ingest path's tables: where each row came from, what was refused, and the calls themselves.
-- Every fact row carries (file_id, line_no): the source file and the 1-based line it was read from.

CREATE SEQUENCE source_file_ids START 1;
CREATE SEQUENCE load_run_ids START 1;

-- One row per distinct source file, recognised by its content, not its name: a renamed or rotated
-- file whose first bytes match is the same source, and only its unseen complete lines are loaded.
CREATE TABLE source_files (
  file_id       INTEGER PRIMARY KEY DEFAULT nextval('source_file_ids'),
  format        VARCHAR NOT NULL,            -- queue_log | queue_log_table | pbxware_queue_log | cdr | csv
  path          VARCHAR NOT NULL,            -- where it was last seen
  head_hash     VARCHAR NOT NULL,            -- sha256 of bytes [0, min(bytes_loaded, 64 KiB))
  tail_hash     VARCHAR NOT NULL,            -- sha256 of the 4 KiB before bytes_loaded
  bytes_loaded  BIGINT NOT NULL,             -- complete lines are loaded up to this offset
  lines_loaded  BIGINT NOT NULL,             -- ... which is this many lines
  mapping       VARCHAR,                     -- the mapping (JSON) a csv file was read with
  first_loaded  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_loaded   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every attempt to load a file, kept as the load history.
CREATE TABLE load_runs (
  run_id           INTEGER PRIMARY KEY DEFAULT nextval('load_run_ids'),
  file_id          INTEGER,                  -- null when the file could not be recognised at all
  path             VARCHAR NOT NULL,
  format           VARCHAR,
  started_at       TIMESTAMPTZ NOT NULL,
  finished_at      TIMESTAMPTZ,
  byte_from        BIGINT,
  byte_to          BIGINT,
  rows_read        BIGINT NOT NULL DEFAULT 0,
  rows_loaded      BIGINT NOT NULL DEFAULT 0,
  rows_quarantined BIGINT NOT NULL DEFAULT 0,
  calls_added      BIGINT NOT NULL DEFAULT 0,
  unknown_events   BIGINT NOT NULL DEFAULT 0,
  status           VARCHAR NOT NULL,         -- loaded | duplicate | failed
  error            VARCHAR,
  origin           VARCHAR NOT NULL DEFAULT 'cli'   -- cli | upload | inbox | demo
);

-- Lines that could not be read, with the reason; the rest of their file loads.
CREATE TABLE quarantine (
  file_id  INTEGER NOT NULL,
  line_no  BIGINT NOT NULL,
  field    VARCHAR,
  reason   VARCHAR NOT NULL,
  raw      VARCHAR,
  run_id   INTEGER NOT NULL
);

-- Every queue_log event as read (raw pipe file, database-table CSV, PBXware table), with the data
-- fields normalised to the raw pipe format's positions. Unknown events stay here, known = false.
CREATE TABLE queue_events (
  file_id  INTEGER NOT NULL,
  line_no  BIGINT NOT NULL,
  ts       TIMESTAMPTZ NOT NULL,
  callid   VARCHAR,
  queue    VARCHAR,
  agent    VARCHAR,
  event    VARCHAR NOT NULL,
  data1    VARCHAR,
  data2    VARCHAR,
  data3    VARCHAR,
  data4    VARCHAR,
  data5    VARCHAR,
  known    BOOLEAN NOT NULL
);

-- CDR rows as read (one per leg); calls are derived from them by linkedid.
CREATE TABLE cdr_records (
  file_id      INTEGER NOT NULL,
  line_no      BIGINT NOT NULL,
  accountcode  VARCHAR,
  src          VARCHAR,
  dst          VARCHAR,
  dcontext     VARCHAR,
  clid         VARCHAR,
  channel      VARCHAR,
  dstchannel   VARCHAR,
  lastapp      VARCHAR,
  lastdata     VARCHAR,
  start_ts     TIMESTAMPTZ,
  answer_ts    TIMESTAMPTZ,
  end_ts       TIMESTAMPTZ,
  duration_s   DOUBLE,
  billsec_s    DOUBLE,
  disposition  VARCHAR,
  uniqueid     VARCHAR,
  linkedid     VARCHAR,
  sequence     BIGINT,
  direction    VARCHAR NOT NULL             -- inbound | outbound | internal
);

-- One row per call: a queue visit (queue_log), a linked CDR call, or a mapped CSV row.
-- outcome is null while the visit is open (no terminal event yet).
CREATE TABLE calls (
  source          VARCHAR NOT NULL,          -- queue_log | cdr | csv
  file_id         INTEGER NOT NULL,          -- where the call starts (ENTERQUEUE line, first CDR leg, CSV row)
  line_no         BIGINT NOT NULL,
  callid          VARCHAR NOT NULL,          -- Asterisk uniqueid / linkedid / mapped id
  queue           VARCHAR NOT NULL,
  direction       VARCHAR NOT NULL DEFAULT 'inbound',  -- inbound | outbound
  caller          VARCHAR,                   -- caller number (outbound: the number called)
  did             VARCHAR,
  enter_ts        TIMESTAMPTZ NOT NULL,
  connect_ts      TIMESTAMPTZ,
  end_ts          TIMESTAMPTZ,
  outcome         VARCHAR,                   -- answered | abandoned | timed_out | null (open)
  end_event       VARCHAR,
  agent           VARCHAR,                   -- member interface that answered
  wait_s          DOUBLE,
  talk_s          DOUBLE,
  wrap_s          DOUBLE,
  ring_no_answer  INTEGER NOT NULL DEFAULT 0,
  transferred     BOOLEAN NOT NULL DEFAULT false,
  enter_position  INTEGER
  -- no keys or indexes: (file_id, line_no) is unique by construction, and DuckDB scans faster than
  -- it maintains an ART index over ten million rows.
);

-- Offers of a call to a member that were not answered (RINGNOANSWER, RINGCANCELED; CDR NO ANSWER legs).
CREATE TABLE ring_attempts (
  file_id       INTEGER NOT NULL,
  line_no       BIGINT NOT NULL,
  call_file_id  INTEGER,                     -- the call (calls.file_id, calls.line_no) it belongs to
  call_line_no  BIGINT,
  ts            TIMESTAMPTZ NOT NULL,
  queue         VARCHAR,
  agent         VARCHAR NOT NULL,
  ring_s        DOUBLE,
  result        VARCHAR NOT NULL             -- no_answer | canceled
);

-- Member state intervals: logged in (per queue, or NONE for agent log-ins) and paused (with reason).
-- end_ts is null while the state still holds at the end of the data.
CREATE TABLE rep_states (
  agent        VARCHAR NOT NULL,
  queue        VARCHAR NOT NULL,
  state        VARCHAR NOT NULL,             -- logged_in | paused
  reason       VARCHAR,
  start_ts     TIMESTAMPTZ NOT NULL,
  end_ts       TIMESTAMPTZ,
  file_id      INTEGER NOT NULL,
  line_no      BIGINT NOT NULL
);

-- The queue_log events Callboard understands, and what each means (docs/definitions.md).
CREATE TABLE queue_event_types (
  event VARCHAR PRIMARY KEY,
  kind  VARCHAR NOT NULL   -- enter | connect | answered_end | abandoned_end | timed_out_end | ring | member_on | member_off | pause_on | pause_off | info | system
);
INSERT INTO queue_event_types VALUES
  ('ENTERQUEUE', 'enter'), ('CONNECT', 'connect'),
  ('COMPLETECALLER', 'answered_end'), ('COMPLETEAGENT', 'answered_end'), ('TRANSFER', 'answered_end'),
  ('BLINDTRANSFER', 'answered_end'), ('ATTENDEDTRANSFER', 'answered_end'),
  ('ABANDON', 'abandoned_end'),
  ('EXITWITHTIMEOUT', 'timed_out_end'), ('EXITEMPTY', 'timed_out_end'), ('EXITWITHKEY', 'timed_out_end'),
  ('RINGNOANSWER', 'ring'), ('RINGCANCELED', 'ring'),
  ('ADDMEMBER', 'member_on'), ('AGENTLOGIN', 'member_on'), ('AGENTCALLBACKLOGIN', 'member_on'),
  ('REMOVEMEMBER', 'member_off'), ('AGENTLOGOFF', 'member_off'), ('AGENTCALLBACKLOGOFF', 'member_off'),
  ('PAUSE', 'pause_on'), ('PAUSEALL', 'pause_on'), ('UNPAUSE', 'pause_off'), ('UNPAUSEALL', 'pause_off'),
  ('DID', 'info'), ('INFO', 'info'), ('SYSCOMPAT', 'info'), ('AGENTDUMP', 'info'), ('AGENTDUMPED', 'info'),
  ('QUEUESTART', 'system'), ('CONFIGRELOAD', 'system');
