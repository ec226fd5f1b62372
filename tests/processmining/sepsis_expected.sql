-- The four constraints of sepsis.frist computed in SQL from the raw XES
-- attributes (attrs.ascii, written by xes_attributes.awk), compared with the
-- verdicts of `frist run` (verdicts.ascii, one JSON record per line).
-- Run by sepsis_check.sh in its working folder; prints the figures and then
-- the mismatches, if any, after a line "MISMATCHES".

.bail on
CREATE TABLE attr(case_id TEXT, pos INT, key TEXT, value TEXT);
.mode ascii
.import attrs.ascii attr
CREATE TABLE frist_out(line TEXT);
.import verdicts.ascii frist_out
.mode list

-- One row per event with the attributes the constraints read.
CREATE TABLE ev AS
  SELECT case_id, CAST(pos AS INTEGER) AS pos,
         max(CASE WHEN key = 'concept:name' THEN value END) AS act,
         max(CASE WHEN key = 'time:timestamp' THEN value END) AS ts,
         max(CASE WHEN key = 'org:group' THEN value END) AS grp,
         max(CASE WHEN key = 'Leucocytes' THEN CAST(value AS REAL) END) AS leu,
         max(CASE WHEN key = 'CRP' THEN CAST(value AS REAL) END) AS crp,
         max(CASE WHEN key = 'LacticAcid' THEN CAST(value AS REAL) END) AS lac,
         max(CASE WHEN key = 'InfectionSuspected' THEN value END) AS infection,
         max(CASE WHEN key = 'SIRSCriteria2OrMore' THEN value END) AS sirs
  FROM attr WHERE CAST(pos AS INTEGER) > 0 GROUP BY case_id, pos;

-- The case's order: by instant (milliseconds since 1970, UTC), ties by the
-- position in the file. r is the event's rank in that order.
CREATE TABLE o AS
  SELECT e.*, row_number() OVER (PARTITION BY case_id ORDER BY t, pos) AS r
  FROM (SELECT ev.*, CAST(round((julianday(ts) - 2440587.5) * 86400000) AS INTEGER) AS t FROM ev) e;
CREATE INDEX o_case ON o(case_id, act, r);
CREATE INDEX o_rank ON o(case_id, r);

-- One row per activation with its verdict (three-valued: a condition on a
-- missing value is unknown, an unknown activation condition or an unknown
-- requirement gives 'undetermined').
CREATE TABLE occ(rule TEXT, case_id TEXT, verdict TEXT);

-- response(ER Sepsis Triage, IV Antibiotics, max 1 hour)
INSERT INTO occ
  SELECT 'antibiotics_within_an_hour', a.case_id,
         CASE WHEN EXISTS (SELECT 1 FROM o b WHERE b.case_id = a.case_id AND b.act = 'IV Antibiotics'
                                                 AND b.r > a.r AND b.t - a.t <= 3600000)
              THEN 'compliant' ELSE 'violated' END
  FROM o a WHERE a.act = 'ER Sepsis Triage';

-- response(ER Registration [InfectionSuspected and SIRSCriteria2OrMore], LacticAcid, max 3 hours)
INSERT INTO occ
  SELECT 'lactic_acid_within_3_hours', a.case_id,
         CASE WHEN a.activates IS NULL THEN 'undetermined'
              WHEN EXISTS (SELECT 1 FROM o b WHERE b.case_id = a.case_id AND b.act = 'LacticAcid'
                                              AND b.r > a.r AND b.t - a.t <= 10800000)
              THEN 'compliant' ELSE 'violated' END
  FROM (SELECT o.*, CASE WHEN infection = 'false' OR sirs = 'false' THEN 0
                         WHEN infection IS NULL OR sirs IS NULL THEN NULL
                         ELSE 1 END AS activates
        FROM o WHERE act = 'ER Registration') a
  WHERE a.activates IS NOT 0;

-- precedence(LacticAcid [LacticAcid > 2], Admission IC)
INSERT INTO occ
  SELECT 'intensive_care_after_high_lactate', b.case_id,
         CASE WHEN EXISTS (SELECT 1 FROM o a WHERE a.case_id = b.case_id AND a.act = 'LacticAcid'
                                              AND a.r < b.r AND a.lac > 2) THEN 'compliant'
              WHEN EXISTS (SELECT 1 FROM o a WHERE a.case_id = b.case_id AND a.act = 'LacticAcid'
                                              AND a.r < b.r AND a.lac IS NULL) THEN 'undetermined'
              ELSE 'violated' END
  FROM o b WHERE b.act = 'Admission IC';

-- chain_response(Leucocytes [Leucocytes > 12], CRP [CRP > 10, same org:group], max 1 minute)
INSERT INTO occ
  SELECT 'crp_with_high_leucocytes', l.case_id,
         CASE WHEN l.leu IS NULL THEN 'undetermined'
              WHEN n.act IS NOT 'CRP' THEN 'violated'
              WHEN n.t - l.t > 60000 THEN 'violated'
              WHEN n.grp <> l.grp THEN 'violated'
              WHEN n.crp <= 10 THEN 'violated'
              WHEN n.crp IS NULL OR n.grp IS NULL OR l.grp IS NULL THEN 'undetermined'
              ELSE 'compliant' END
  FROM o l LEFT JOIN o n ON n.case_id = l.case_id AND n.r = l.r + 1
  WHERE l.act = 'Leucocytes' AND (l.leu > 12 OR l.leu IS NULL);

-- The case verdict: violated > undetermined > compliant; no activation is
-- not_applicable (vacuous satisfaction).
CREATE TABLE rules(rule TEXT);
INSERT INTO rules VALUES ('antibiotics_within_an_hour'), ('lactic_acid_within_3_hours'),
                         ('intensive_care_after_high_lactate'), ('crp_with_high_leucocytes');
CREATE TABLE expected AS
  SELECT rules.rule, cases.case_id,
         CASE WHEN sum(occ.verdict = 'violated') > 0 THEN 'violated'
              WHEN sum(occ.verdict = 'undetermined') > 0 THEN 'undetermined'
              WHEN sum(occ.verdict = 'compliant') > 0 THEN 'compliant'
              ELSE 'not_applicable' END AS verdict,
         coalesce(sum(occ.verdict = 'compliant'), 0) AS fulfilled,
         coalesce(sum(occ.verdict = 'violated'), 0) AS violated,
         coalesce(sum(occ.verdict = 'undetermined'), 0) AS undetermined
  FROM rules CROSS JOIN (SELECT DISTINCT case_id FROM ev) cases
       LEFT JOIN occ ON occ.rule = rules.rule AND occ.case_id = cases.case_id
  GROUP BY rules.rule, cases.case_id;

-- Frist's verdicts, one row per (rule, case).
CREATE TABLE actual AS
  SELECT json_extract(line, '$.rule') AS rule, json_extract(line, '$.case') AS case_id,
         json_extract(line, '$.verdict') AS verdict,
         coalesce(json_extract(line, '$.occurrences.compliant'), 0) AS fulfilled,
         coalesce(json_extract(line, '$.occurrences.violated'), 0) AS violated,
         coalesce(json_extract(line, '$.occurrences.undetermined'), 0) AS undetermined
  FROM frist_out WHERE json_extract(line, '$.rule') IS NOT NULL;

-- Per rule: activations (every occurrence Frist reports), fulfilments,
-- violations, undetermined activations; traces satisfied (compliant or
-- vacuously satisfied), violated, undetermined, of which vacuous.
CREATE VIEW summary AS
  SELECT 'expected' AS side, rule, sum(fulfilled + violated + undetermined) AS activations,
         sum(fulfilled) AS fulfilled, sum(violated) AS violated, sum(undetermined) AS undetermined,
         sum(verdict IN ('compliant', 'not_applicable')) AS satisfied_traces,
         sum(verdict = 'violated') AS violated_traces, sum(verdict = 'undetermined') AS undetermined_traces,
         sum(verdict = 'not_applicable') AS vacuous_traces
  FROM expected GROUP BY rule
  UNION ALL
  SELECT 'frist', rule, sum(fulfilled + violated + undetermined), sum(fulfilled), sum(violated), sum(undetermined),
         sum(verdict IN ('compliant', 'not_applicable')), sum(verdict = 'violated'), sum(verdict = 'undetermined'),
         sum(verdict = 'not_applicable')
  FROM actual GROUP BY rule;

.headers on
.mode column
SELECT * FROM summary ORDER BY rule, side;
.headers off
.mode list
SELECT 'MISMATCHES';
-- Every (rule, case) must agree on the verdict and the activation counts,
-- and both sides must cover the same (rule, case) pairs.
SELECT 'verdict differs', e.rule, e.case_id, e.verdict, e.fulfilled, e.violated, e.undetermined,
       a.verdict, a.fulfilled, a.violated, a.undetermined
  FROM expected e JOIN actual a ON a.rule = e.rule AND a.case_id = e.case_id
 WHERE e.verdict IS NOT a.verdict OR e.fulfilled <> a.fulfilled OR e.violated <> a.violated
    OR e.undetermined <> a.undetermined;
SELECT 'missing in frist output', rule, case_id FROM expected
 WHERE NOT EXISTS (SELECT 1 FROM actual a WHERE a.rule = expected.rule AND a.case_id = expected.case_id);
SELECT 'not expected', rule, case_id FROM actual
 WHERE NOT EXISTS (SELECT 1 FROM expected e WHERE e.rule = actual.rule AND e.case_id = actual.case_id);
SELECT 'too few cases', count(DISTINCT case_id) FROM expected HAVING count(DISTINCT case_id) <> 1050;
