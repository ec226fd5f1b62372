-- The sqlite3 peer of bench/run.sh: four rules of `serviceloven`
-- (spec/rulesets.md §2) written as SQL over the CSV event table that
-- `frist gen` writes, computing per rule the five verdict counts over the
-- cases serviceloven covers — the same figures as
--   frist report rulesets/serviceloven.frist --cases CASES.jsonl --as-of D --format json
-- The script compares them number by number.
--
-- Input, prepared by bench/run.sh before this file is read:
--   raw      .import --csv of the event table (every column TEXT; an empty
--            cell is a missing value)
--   params   one row: as_of TEXT ('YYYY-MM-DD')
-- Output: one line per rule: rule|compliant|violated|pending|not_applicable|undetermined
--
-- The semantics reproduced here (spec/semantics.md):
--   §2 time: a timestamp is a date (the whole local day) or a date-time (one
--      instant); without an offset it is local time in Europe/Copenhagen, a
--      local time in the spring gap or autumn fold taking the offset in force
--      before the change; the date of an instant is its local date.
--      Calendar months clamp to the end of the month (31 Oct + 4 months =
--      28/29 Feb). Clock durations work on instants, and a coarse value gives
--      true/false only when every instant it stands for agrees.
--   §3 as-of: events dated after the as-of date are invisible; a deadline
--      not met is pending while it has not passed (a date deadline: as-of <=
--      deadline; a clock deadline: at or after the end of the as-of day).
--   §4 coverage: case date = date of the first `afgørelse`, else of the first
--      event, on or before as-of; serviceloven covers case dates <= 2023-12-31.
--   §1 for-each rules combine their occurrences: violated > undetermined >
--      pending > compliant > not applicable.
-- Times are held as integer microseconds since 1970-01-01 UTC, so the
-- 24-hour rule is exact (no floating point).

-- ---------------------------------------------------------------- time ---
-- EU summer time (the rule in Denmark since 1996, used here for every year:
-- the generated data lies in 2021–2025): from the last Sunday of
-- March 01:00 UTC to the last Sunday of October 01:00 UTC, +02:00; else
-- +01:00. On the local wall clock both changes happen at 03:00 local time:
-- in March 02:00–03:00 does not exist (the gap) and in October it happens
-- twice (the fold); both take the offset before the change, so a local
-- wall-clock time is summer time exactly when
--   last Sunday of March 03:00 <= wall time < last Sunday of October 03:00.
CREATE TABLE summer (
  year        INTEGER PRIMARY KEY,
  begin_utc   INTEGER NOT NULL,  -- µs, UTC
  end_utc     INTEGER NOT NULL,
  begin_wall  INTEGER NOT NULL,  -- µs, local wall clock read as if UTC
  end_wall    INTEGER NOT NULL
);
INSERT INTO summer
WITH RECURSIVE years(y) AS (SELECT 1900 UNION ALL SELECT y + 1 FROM years WHERE y < 2200),
sundays AS (
  SELECT y,
         unixepoch(date(printf('%04d-04-01', y), 'weekday 0', '-7 days')) AS march,    -- last Sunday of March, 00:00
         unixepoch(date(printf('%04d-11-01', y), 'weekday 0', '-7 days')) AS october   -- last Sunday of October
  FROM years
)
SELECT y, (march + 3600) * 1000000, (october + 3600) * 1000000,
          (march + 3 * 3600) * 1000000, (october + 3 * 3600) * 1000000
FROM sundays;

-- The as-of date and the instant its day ends (local midnight after it).
CREATE TABLE asof AS
SELECT as_of,
       (unixepoch(date(as_of, '+1 day')) * 1000000
        - CASE WHEN unixepoch(date(as_of, '+1 day')) * 1000000 >= s.begin_wall
                AND unixepoch(date(as_of, '+1 day')) * 1000000 < s.end_wall THEN 7200 ELSE 3600 END * 1000000) AS day_end
FROM params JOIN summer s ON s.year = CAST(substr(date(as_of, '+1 day'), 1, 4) AS INTEGER);

-- -------------------------------------------------------------- events ---
-- Every event of a declared type (dk.børnesager; others are ignored
-- everywhere), with its local date `d` and the closed interval [lo, hi] of
-- UTC instants it stands for (lo = hi for a date-time; a whole local day for
-- a date). Only the columns the four rules read are kept.
CREATE TABLE events AS
WITH parts AS (
  SELECT rowid AS seq, "case" AS case_id, type, at, id, underretning, om, samtale_undladt,
         length(at) = 10 AS is_date,
         -- the written UTC offset in seconds; NULL for local time (and dates)
         CASE WHEN length(at) = 10 THEN NULL
              WHEN substr(at, -1) = 'Z' THEN 0
              WHEN substr(at, -6, 1) IN ('+', '-')
                THEN (CASE substr(at, -6, 1) WHEN '+' THEN 1 ELSE -1 END)
                     * (CAST(substr(at, -5, 2) AS INTEGER) * 3600 + CAST(substr(at, -2, 2) AS INTEGER) * 60)
         END AS offset_s,
         CASE WHEN substr(at, -1) = 'Z' THEN 1 WHEN length(at) > 16 AND substr(at, -6, 1) IN ('+', '-') THEN 6 ELSE 0 END
           AS suffix_length
  FROM raw
  WHERE type IN ('underretning', 'underretning_vurderet', 'underretning_kvitteret', 'opmærksom',
                 'undersøgelse_påbegyndt', 'undersøgelse_afsluttet', 'foreløbig_vurdering', 'partshøringsmøde',
                 'børnesamtale', 'samtale_forældremyndighed', 'synspunkter_indhentet', 'afgørelse', 'handleplan',
                 'handleplan_undladt', 'barnets_plan', 'ungeplan', 'ungeplan_vurderet', 'indsats_iværksat',
                 'indsats_ophørt', 'opfølgning', 'anbringelse_iværksat', 'anbringelse_ophørt', 'tilsynsbesøg')
),
wall AS (
  -- The written wall-clock time as µs "as if UTC": midnight of the written
  -- date plus hh:mm[:ss[.fraction]] (dates: midnight).
  SELECT *,
         unixepoch(substr(at, 1, 10)) * 1000000
         + CASE WHEN is_date THEN 0 ELSE
             (CAST(substr(at, 12, 2) AS INTEGER) * 3600 + CAST(substr(at, 15, 2) AS INTEGER) * 60
              + CASE WHEN substr(at, 17, 1) = ':' THEN CAST(substr(at, 18, 2) AS INTEGER) ELSE 0 END) * 1000000
             + CASE WHEN substr(at, 20, 1) = '.'  -- a fraction: kept to microseconds
                 THEN CAST(substr(substr(at, 21, length(at) - 20 - suffix_length) || '000000', 1, 6) AS INTEGER)
                 ELSE 0 END
           END AS wall_us
  FROM parts
),
utc AS (
  SELECT w.*,
         CASE
           -- with an offset: as written
           WHEN offset_s IS NOT NULL THEN wall_us - offset_s * 1000000
           -- local time (a date: its local midnight): the Copenhagen offset of that wall-clock time
           ELSE wall_us - CASE WHEN wall_us >= s.begin_wall AND wall_us < s.end_wall THEN 7200 ELSE 3600 END * 1000000
         END AS lo,
         -- a date ends at the next local midnight (less 1 µs); midnight is never in a gap or fold
         CASE WHEN is_date THEN
           wall_us + 86400000000
           - CASE WHEN wall_us + 86400000000 >= s.begin_wall AND wall_us + 86400000000 < s.end_wall THEN 7200 ELSE 3600 END
             * 1000000 - 1
         END AS date_hi,
         s.begin_utc, s.end_utc
  FROM wall w JOIN summer s ON s.year = CAST(substr(at, 1, 4) AS INTEGER)
)
SELECT seq, case_id, type, id, underretning, om, samtale_undladt, is_date,
       lo,
       COALESCE(date_hi, lo) AS hi,
       -- the local date: as written, except for a date-time with an offset,
       -- whose instant is moved to Copenhagen time (2023-12-31T23:30Z is 2024-01-01)
       CASE WHEN offset_s IS NULL THEN substr(at, 1, 10)
            ELSE date((lo + CASE WHEN lo >= begin_utc AND lo < end_utc THEN 7200 ELSE 3600 END * 1000000) / 1000000,
                      'unixepoch')
       END AS d
FROM utc;

-- Visible events: dated on or before the as-of date (§3).
CREATE TABLE visible AS
SELECT e.* FROM events e, asof WHERE e.d <= asof.as_of;
CREATE INDEX visible_case ON visible (case_id, type);

-- ---------------------------------------------------------------- cases ---
-- Per case: its case date (§4) and the first dates the rules start from.
-- "First X" is the earliest X in time order; its date is the smallest date.
CREATE TABLE cases AS
SELECT case_id,
       COALESCE(MIN(CASE WHEN type = 'afgørelse' THEN d END), MIN(d)) AS case_date,
       MAX(type = 'undersøgelse_påbegyndt')                          AS bfu_started,
       MIN(CASE WHEN type = 'opmærksom' THEN d END)                   AS aware,
       MIN(CASE WHEN type = 'indsats_iværksat' THEN d END)            AS measure_started
FROM visible
GROUP BY case_id;

-- Serviceloven's cases: a case date on or before 2023-12-31. A case with no
-- visible event has no case date and is covered by no ruleset.
CREATE TABLE covered AS
SELECT * FROM cases WHERE case_date <= '2023-12-31';
CREATE UNIQUE INDEX covered_case ON covered (case_id);

-- d + n calendar months: the same day of the month, or the month's last day
-- when it has fewer days (sqlite's own '+n months' would overflow into the
-- next month: 2022-10-31 '+4 months' is 2023-03-03).
--   min(first of d's month + n months + (day − 1) days, last day of that month)
-- written out below where needed, since sqlite has no user functions.

-- ----------------------------------------------------------------- rules ---

CREATE TABLE verdicts (rule TEXT, case_id TEXT, verdict TEXT);

-- fire_måneders_frist (SEL § 50, stk. 7). Applies when an
-- undersøgelse_påbegyndt exists; S = first opmærksom (absent: undetermined);
-- E = first undersøgelse_afsluttet dated on or after date(S); deadline
-- date(S) + 4 months; compliant when date(E) <= deadline, otherwise pending
-- while as-of <= deadline, then violated.
INSERT INTO verdicts
WITH deadlines AS (
  SELECT c.case_id, c.bfu_started, c.aware,
         min(date(c.aware, 'start of month', '+4 months', '+' || (CAST(strftime('%d', c.aware) AS INTEGER) - 1) || ' days'),
             date(c.aware, 'start of month', '+5 months', '-1 day')) AS deadline
  FROM covered c
),
ends AS (
  SELECT v.case_id, MIN(v.d) AS ended
  FROM visible v JOIN covered c ON c.case_id = v.case_id
  WHERE v.type = 'undersøgelse_afsluttet' AND v.d >= c.aware
  GROUP BY v.case_id
)
SELECT 'fire_måneders_frist', x.case_id,
       CASE WHEN NOT x.bfu_started       THEN 'not_applicable'
            WHEN x.aware IS NULL         THEN 'undetermined'
            WHEN e.ended <= x.deadline   THEN 'compliant'
            WHEN asof.as_of <= x.deadline THEN 'pending'
            ELSE 'violated' END
FROM deadlines x LEFT JOIN ends e ON e.case_id = x.case_id, asof;

-- opfølgning_3_mdr (SEL § 70, stk. 1). Applies when an indsats_iværksat
-- exists; I = the first; an opfølgning with date(I) <= date <= date(I) +
-- 3 months; absent: pending while as-of <= that deadline, then violated.
INSERT INTO verdicts
WITH deadlines AS (
  SELECT c.case_id, c.measure_started,
         min(date(c.measure_started, 'start of month', '+3 months',
                  '+' || (CAST(strftime('%d', c.measure_started) AS INTEGER) - 1) || ' days'),
             date(c.measure_started, 'start of month', '+4 months', '-1 day')) AS deadline
  FROM covered c
),
followed AS (
  SELECT DISTINCT x.case_id
  FROM deadlines x JOIN visible v ON v.case_id = x.case_id AND v.type = 'opfølgning'
  WHERE v.d BETWEEN x.measure_started AND x.deadline
)
SELECT 'opfølgning_3_mdr', x.case_id,
       CASE WHEN x.measure_started IS NULL THEN 'not_applicable'
            WHEN f.case_id IS NOT NULL       THEN 'compliant'
            WHEN asof.as_of <= x.deadline     THEN 'pending'
            ELSE 'violated' END
FROM deadlines x LEFT JOIN followed f ON f.case_id = x.case_id, asof;

-- børnesamtale_før_afgørelse (SEL § 48, stk. 1), for each afgørelse A:
-- A.samtale_undladt present → compliant (exempt, checked first); else a
-- børnesamtale B with B.om = "afgørelse", date(B) <= date(A) and, if A has a
-- previous decision P (the latest afgørelse dated strictly before date(A)),
-- date(B) > date(P). A conversation in that window whose `om` is missing
-- might be the one (Kleene logic): undetermined unless another one surely
-- is. Not met: pending while as-of <= date(A) (only on that very day), then
-- violated.
INSERT INTO verdicts
WITH decisions AS (
  SELECT v.case_id, v.seq, v.d, v.samtale_undladt <> '' AS exempt
  FROM visible v JOIN covered c ON c.case_id = v.case_id
  WHERE v.type = 'afgørelse'
),
windows AS (
  SELECT a.case_id, a.seq, a.d, a.exempt,
         (SELECT MAX(p.d) FROM visible p
          WHERE p.case_id = a.case_id AND p.type = 'afgørelse' AND p.d < a.d) AS previous
  FROM decisions a
),
occurrences AS (
  SELECT w.case_id,
         CASE WHEN w.exempt THEN 'compliant'
              ELSE (SELECT CASE WHEN MAX(b.om = 'afgørelse') THEN 'compliant'
                                WHEN MAX(b.om = '') THEN 'undetermined'       -- `om` missing: unknown
                                WHEN asof.as_of <= w.d THEN 'pending'
                                ELSE 'violated' END
                    FROM asof LEFT JOIN visible b
                      ON b.case_id = w.case_id AND b.type = 'børnesamtale'
                     AND b.d <= w.d AND (w.previous IS NULL OR b.d > w.previous))
         END AS verdict
  FROM windows w
)
SELECT 'børnesamtale_før_afgørelse', c.case_id, COALESCE(o.verdict, 'not_applicable')
FROM covered c LEFT JOIN (
  -- the case's verdict: its gravest occurrence
  SELECT case_id,
         CASE MAX(CASE verdict WHEN 'violated' THEN 4 WHEN 'undetermined' THEN 3 WHEN 'pending' THEN 2
                               WHEN 'compliant' THEN 1 ELSE 0 END)
           WHEN 4 THEN 'violated' WHEN 3 THEN 'undetermined' WHEN 2 THEN 'pending'
           WHEN 1 THEN 'compliant' ELSE 'not_applicable' END AS verdict
  FROM occurrences GROUP BY case_id
) o ON o.case_id = c.case_id;

-- underretning_24_timer (SEL § 155, stk. 2), for each underretning U:
-- U without id → undetermined; else an underretning_vurderet V with
-- V.underretning = U.id and V within 24 hours after U: V on or after U (by
-- date when either is a date, else by instant) and V − U <= 24 h for every
-- instant the two stand for (true), for none (false), or some (unknown).
-- V.underretning missing makes the match unknown. Not met: the deadline
-- U + 24 h (an interval for a date) is pending when it lies wholly at or
-- after the end of the as-of day, violated when wholly before, else
-- undetermined (too coarse).
INSERT INTO verdicts
WITH notices AS (
  SELECT v.case_id, v.seq, v.id, v.is_date, v.d, v.lo, v.hi
  FROM visible v JOIN covered c ON c.case_id = v.case_id
  WHERE v.type = 'underretning'
),
matches AS (
  -- per (U, V): 1 true, 0 unknown, NULL false (three-valued AND of the id
  -- match and the time window)
  SELECT u.case_id, u.seq,
         CASE
           -- V on or after U: false?
           WHEN (CASE WHEN u.is_date OR v.is_date THEN v.d < u.d ELSE v.lo < u.lo END) THEN NULL
           -- V − U <= 24 h: false for every instant?
           WHEN v.lo - u.hi > 86400000000 THEN NULL
           -- the id: false?
           WHEN v.underretning <> '' AND v.underretning <> u.id THEN NULL
           -- all true?
           WHEN v.hi - u.lo <= 86400000000 AND v.underretning = u.id THEN 1
           ELSE 0
         END AS holds
  FROM notices u JOIN visible v ON v.case_id = u.case_id AND v.type = 'underretning_vurderet'
  WHERE u.id <> ''
),
occurrences AS (
  SELECT u.case_id,
         CASE WHEN u.id = '' THEN 'undetermined'
              WHEN m.best = 1 THEN 'compliant'
              WHEN m.best = 0 THEN 'undetermined'
              WHEN u.lo + 86400000000 >= asof.day_end THEN 'pending'
              WHEN u.hi + 86400000000 < asof.day_end THEN 'violated'
              ELSE 'undetermined' END AS verdict
  FROM notices u
  LEFT JOIN (SELECT case_id, seq, MAX(holds) AS best FROM matches GROUP BY case_id, seq) m
    ON m.case_id = u.case_id AND m.seq = u.seq,
  asof
)
SELECT 'underretning_24_timer', c.case_id, COALESCE(o.verdict, 'not_applicable')
FROM covered c LEFT JOIN (
  SELECT case_id,
         CASE MAX(CASE verdict WHEN 'violated' THEN 4 WHEN 'undetermined' THEN 3 WHEN 'pending' THEN 2
                               WHEN 'compliant' THEN 1 ELSE 0 END)
           WHEN 4 THEN 'violated' WHEN 3 THEN 'undetermined' WHEN 2 THEN 'pending'
           WHEN 1 THEN 'compliant' ELSE 'not_applicable' END AS verdict
  FROM occurrences GROUP BY case_id
) o ON o.case_id = c.case_id;

-- --------------------------------------------------------------- counts ---
SELECT rule,
       SUM(verdict = 'compliant'), SUM(verdict = 'violated'), SUM(verdict = 'pending'),
       SUM(verdict = 'not_applicable'), SUM(verdict = 'undetermined')
FROM verdicts
GROUP BY rule
ORDER BY CASE rule WHEN 'fire_måneders_frist' THEN 1 WHEN 'børnesamtale_før_afgørelse' THEN 2
                   WHEN 'opfølgning_3_mdr' THEN 3 ELSE 4 END;
