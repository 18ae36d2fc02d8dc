WITH
src0 AS (
  SELECT `rep` AS g0, `date` AS dt, (CAST(EXTRACT(YEAR FROM `date`) AS INT64) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS INT64) - 1 + 0) AS p, `status` AS st, CAST(`amount` AS BIGNUMERIC(38, 2)) AS amt, CAST(NULL AS BIGNUMERIC(38, 2)) AS prf, CAST(`quantity` AS BIGNUMERIC(38, 0)) AS qty, `deal_id` AS deal, `customer` AS cust, `created_date` AS cdt FROM `sales`
),
groups AS (
  SELECT g0, DENSE_RANK() OVER (ORDER BY g0 ASC NULLS LAST) AS gid FROM (SELECT DISTINCT g0 FROM src0) AS gd
),
base AS (
  SELECT src0.*, gr.gid FROM src0 JOIN groups AS gr ON COALESCE(CAST(src0.g0 AS STRING), '') = COALESCE(CAST(gr.g0 AS STRING), '') AND (src0.g0 IS NULL) = (gr.g0 IS NULL)
),
cellrows AS (
  SELECT gid, p, st, amt, prf, qty, deal, cust, dt, cdt FROM base UNION ALL SELECT -1 AS gid, p, st, amt, prf, qty, deal, cust, dt, cdt FROM base
),
cells AS (
  SELECT gid, p, CAST(SUM(CAST(CASE WHEN st IN ('won', 'refund') THEN amt END AS BIGNUMERIC(38, 2))) AS BIGNUMERIC(38, 2)) AS `revenue`, CAST(SUM(CAST(CASE WHEN st = 'refund' THEN amt END AS BIGNUMERIC(38, 2))) AS BIGNUMERIC(38, 2)) AS `refunds`, CAST(SUM(CAST(CASE WHEN st = 'won' THEN qty WHEN st = 'refund' THEN -qty END AS BIGNUMERIC(38, 0))) AS BIGNUMERIC(38, 0)) AS `units`, (COUNT(DISTINCT CASE WHEN st = 'won' THEN deal END) + SUM(CASE WHEN st = 'won' AND deal IS NULL THEN 1 ELSE 0 END)) AS `deals`, (COUNT(DISTINCT CASE WHEN st = 'lost' THEN deal END) + SUM(CASE WHEN st = 'lost' AND deal IS NULL THEN 1 ELSE 0 END)) AS `lostDeals` FROM cellrows GROUP BY gid, p
),
firstwon AS (
  SELECT cust, MIN(p) AS fp FROM base WHERE st = 'won' AND cust IS NOT NULL GROUP BY cust
),
custcells AS (
  SELECT DISTINCT gid, p, cust FROM cellrows WHERE st = 'won' AND cust IS NOT NULL
),
flow AS (
  SELECT a.gid, a.p, COUNT(*) AS active, COUNT(b.cust) AS retained, SUM(CASE WHEN fw.fp = a.p THEN 1 ELSE 0 END) AS fresh FROM custcells AS a LEFT JOIN custcells AS b ON b.gid = a.gid AND b.p = a.p - 1 AND b.cust = a.cust JOIN firstwon AS fw ON fw.cust = a.cust GROUP BY a.gid, a.p
),
dealspan AS (
  SELECT deal, MIN(cdt) AS c0, MAX(dt) AS lastdt FROM base WHERE st = 'won' AND deal IS NOT NULL GROUP BY deal
),
dealgroup AS (
  SELECT b.deal, MIN(b.gid) AS gid FROM base AS b JOIN dealspan AS ds ON ds.deal = b.deal AND ds.lastdt = b.dt WHERE b.st = 'won' GROUP BY b.deal
),
cyc AS (
  SELECT -1 AS gid, (CAST(EXTRACT(YEAR FROM lastdt) AS INT64) * 12 + CAST(EXTRACT(MONTH FROM lastdt) AS INT64) - 1 + 0) AS p, (UNIX_DATE(lastdt) - UNIX_DATE(c0)) AS days FROM dealspan WHERE c0 IS NOT NULL UNION ALL SELECT dg.gid, (CAST(EXTRACT(YEAR FROM ds.lastdt) AS INT64) * 12 + CAST(EXTRACT(MONTH FROM ds.lastdt) AS INT64) - 1 + 0) AS p, (UNIX_DATE(ds.lastdt) - UNIX_DATE(ds.c0)) AS days FROM dealspan AS ds JOIN dealgroup AS dg ON dg.deal = ds.deal WHERE ds.c0 IS NOT NULL UNION ALL SELECT gid, p, (UNIX_DATE(dt) - UNIX_DATE(cdt)) AS days FROM cellrows WHERE st = 'won' AND deal IS NULL AND cdt IS NOT NULL
),
cycmed AS (
  SELECT `g0` AS gid, `g1` AS p, (`twice`) * 0.5 AS med FROM (SELECT `g0`, `g1`, CASE WHEN MOD(MAX(`n`), 2) = 1 THEN MIN(`v`) + MIN(`v`) ELSE MIN(`v`) + MAX(`v`) END AS `twice` FROM (SELECT `g0`, `g1`, `v`, ROW_NUMBER() OVER (PARTITION BY `g0`, `g1` ORDER BY `v`) AS `rn`, COUNT(*) OVER (PARTITION BY `g0`, `g1`) AS `n` FROM (SELECT gid AS `g0`, p AS `g1`, days AS `v` FROM cyc WHERE days IS NOT NULL) AS `m0`) AS `m1` WHERE `rn` IN (DIV(`n` + 1, 2), DIV(`n` + 2, 2)) GROUP BY `g0`, `g1`) AS cm0
),
tside AS (
  SELECT gid, period, CAST(SUM(CAST(amount AS BIGNUMERIC(38, 2))) AS BIGNUMERIC(38, 2)) AS amount FROM (SELECT gr.gid, `period` AS period, CAST(`amount` AS BIGNUMERIC(38, 2)) AS amount FROM `targets` AS x JOIN groups AS gr ON gr.g0 = x.`rep` UNION ALL SELECT -1 AS gid, `period` AS period, CAST(`amount` AS BIGNUMERIC(38, 2)) AS amount FROM `targets` AS x) AS sd GROUP BY gid, period
),
sside AS (
  SELECT gid, period, CAST(SUM(CAST(amount AS BIGNUMERIC(38, 2))) AS BIGNUMERIC(38, 2)) AS amount, SUM(acquired) AS acquired FROM (SELECT -1 AS gid, `period` AS period, CAST(`amount` AS BIGNUMERIC(38, 2)) AS amount, CAST(`acquired` AS INT64) AS acquired FROM `spend` AS x) AS sd GROUP BY gid, period
),
spine AS (
  SELECT p FROM (SELECT g AS `p` FROM UNNEST(GENERATE_ARRAY(((SELECT MIN(p) FROM base WHERE st <> 'open')), ((CASE WHEN 24317 > (SELECT MAX(p) FROM base WHERE st <> 'open') AND (EXISTS (SELECT 1 FROM tside WHERE period = '2026-06') OR EXISTS (SELECT 1 FROM sside WHERE period = '2026-06')) THEN 24317 ELSE (SELECT MAX(p) FROM base WHERE st <> 'open') END)))) AS g) AS sp
),
grid AS (
  SELECT gg.gid, sp.p, (sp.p - 12) AS ago, (CAST(DIV(((sp.p) - 0), 12) AS STRING) || '-' || LPAD(CAST(((sp.p) - 0) - 12 * DIV(((sp.p) - 0), 12) + 1 AS STRING), 2, '0')) AS pk FROM (SELECT gid FROM groups UNION ALL SELECT -1 AS gid) AS gg CROSS JOIN spine AS sp
)
SELECT
  grid.gid AS gid,
  grid.p AS p,
  grid.pk AS `period`,
  gr.g0 AS g0,
  CAST(ROUND(COALESCE(c.`revenue`, 0), 2) AS BIGNUMERIC(38, 2)) AS `revenue`,
  CAST(ROUND(COALESCE(c.`refunds`, 0), 2) AS BIGNUMERIC(38, 2)) AS `refunds`,
  COALESCE(c.`deals`, 0) AS `deals`,
  COALESCE(c.`lostDeals`, 0) AS `lostDeals`,
  CASE WHEN (COALESCE(c.`deals`, 0)) = 0 THEN NULL ELSE CAST(CAST(SIGN(CAST((COALESCE(c.`revenue`, 0)) * 100 AS BIGNUMERIC(38, 0))) * FLOOR((ABS(CAST((COALESCE(c.`revenue`, 0)) * 100 AS BIGNUMERIC(38, 0))) * 200 + CAST((COALESCE(c.`deals`, 0)) * 100 AS BIGNUMERIC(38, 0))) / (CAST((COALESCE(c.`deals`, 0)) * 200 AS BIGNUMERIC(38, 0)))) AS BIGNUMERIC(38, 0)) * CAST(0.01 AS BIGNUMERIC(38, 2)) AS BIGNUMERIC(38, 2)) END AS `avgDealSize`,
  COALESCE(c.`units`, 0) AS `units`,
  CASE WHEN (COALESCE(c.`deals`, 0) + COALESCE(c.`lostDeals`, 0)) = 0 THEN NULL ELSE ROUND(CAST(COALESCE(c.`deals`, 0) AS FLOAT64) / CAST(COALESCE(c.`deals`, 0) + COALESCE(c.`lostDeals`, 0) AS FLOAT64), 6) END AS `winRate`,
  CASE WHEN (COALESCE(pc.`revenue`, 0)) = 0 THEN NULL ELSE ROUND((CAST(COALESCE(c.`revenue`, 0) AS FLOAT64) - CAST(COALESCE(pc.`revenue`, 0) AS FLOAT64)) / ABS(CAST(COALESCE(pc.`revenue`, 0) AS FLOAT64)), 6) END AS `growth`,
  CASE WHEN (COALESCE(ac.`revenue`, 0)) = 0 THEN NULL ELSE ROUND((CAST(COALESCE(c.`revenue`, 0) AS FLOAT64) - CAST(COALESCE(ac.`revenue`, 0) AS FLOAT64)) / ABS(CAST(COALESCE(ac.`revenue`, 0) AS FLOAT64)), 6) END AS `yoyGrowth`,
  COALESCE(f.active, 0) AS `activeCustomers`,
  COALESCE(f.fresh, 0) AS `newCustomers`,
  COALESCE(f.retained, 0) AS `retainedCustomers`,
  (COALESCE(f.active, 0) - COALESCE(f.retained, 0) - COALESCE(f.fresh, 0)) AS `reactivatedCustomers`,
  CASE WHEN (COALESCE(pf.active, 0)) = 0 THEN NULL ELSE ROUND(CAST(COALESCE(f.retained, 0) AS FLOAT64) / CAST(COALESCE(pf.active, 0) AS FLOAT64), 6) END AS `retentionRate`,
  CASE WHEN (COALESCE(pf.active, 0)) = 0 THEN NULL ELSE ROUND(CAST(COALESCE(pf.active, 0) - COALESCE(f.retained, 0) AS FLOAT64) / CAST(COALESCE(pf.active, 0) AS FLOAT64), 6) END AS `churnRate`,
  CASE WHEN (COALESCE(pf.active, 0)) = 0 THEN NULL ELSE ROUND(CAST(COALESCE(f.active, 0) - COALESCE(f.fresh, 0) AS FLOAT64) / CAST(COALESCE(pf.active, 0) AS FLOAT64), 6) END AS `retentionRateClassic`,
  cm.med AS `salesCycleDays`,
  CAST(ROUND(sg.amount, 2) AS BIGNUMERIC(38, 2)) AS `spend`,
  CASE WHEN sg.amount IS NULL THEN NULL ELSE sg.acquired END AS `acquired`,
  CASE WHEN ((CASE WHEN sg.amount IS NULL THEN NULL ELSE sg.acquired END)) = 0 THEN NULL ELSE CAST(CAST(SIGN(CAST((sg.amount) * 100 AS BIGNUMERIC(38, 0))) * FLOOR((ABS(CAST((sg.amount) * 100 AS BIGNUMERIC(38, 0))) * 200 + CAST(((CASE WHEN sg.amount IS NULL THEN NULL ELSE sg.acquired END)) * 100 AS BIGNUMERIC(38, 0))) / (CAST(((CASE WHEN sg.amount IS NULL THEN NULL ELSE sg.acquired END)) * 200 AS BIGNUMERIC(38, 0)))) AS BIGNUMERIC(38, 0)) * CAST(0.01 AS BIGNUMERIC(38, 2)) AS BIGNUMERIC(38, 2)) END AS `cac`,
  CAST(ROUND(tg.amount, 2) AS BIGNUMERIC(38, 2)) AS `target`,
  CASE WHEN (tg.amount) = 0 THEN NULL ELSE ROUND(CAST(COALESCE(c.`revenue`, 0) AS FLOAT64) / CAST(tg.amount AS FLOAT64), 6) END AS `attainment`,
  CAST(ROUND(COALESCE(c.`revenue`, 0) - tg.amount, 2) AS BIGNUMERIC(38, 2)) AS `gap`,
  CASE WHEN (30) = 0 THEN NULL ELSE CAST(CAST(SIGN(CAST((tg.amount * (CASE WHEN grid.p = 24317 THEN 15 END)) * 100 AS BIGNUMERIC(38, 0))) * FLOOR((ABS(CAST((tg.amount * (CASE WHEN grid.p = 24317 THEN 15 END)) * 100 AS BIGNUMERIC(38, 0))) * 200 + CAST((30) * 100 AS BIGNUMERIC(38, 0))) / (CAST((30) * 200 AS BIGNUMERIC(38, 0)))) AS BIGNUMERIC(38, 0)) * CAST(0.01 AS BIGNUMERIC(38, 2)) AS BIGNUMERIC(38, 2)) END AS `expectedToDate`,
  CASE WHEN (tg.amount * (CASE WHEN grid.p = 24317 THEN 15 END)) = 0 THEN NULL ELSE ROUND(CAST(COALESCE(c.`revenue`, 0) * 30 AS FLOAT64) / CAST(tg.amount * (CASE WHEN grid.p = 24317 THEN 15 END) AS FLOAT64), 6) END AS `pace`,
  CASE WHEN ((CASE WHEN grid.p = 24317 THEN 15 END)) = 0 THEN NULL ELSE CAST(CAST(SIGN(CAST((COALESCE(c.`revenue`, 0) * 30) * 100 AS BIGNUMERIC(38, 0))) * FLOOR((ABS(CAST((COALESCE(c.`revenue`, 0) * 30) * 100 AS BIGNUMERIC(38, 0))) * 200 + CAST(((CASE WHEN grid.p = 24317 THEN 15 END)) * 100 AS BIGNUMERIC(38, 0))) / (CAST(((CASE WHEN grid.p = 24317 THEN 15 END)) * 200 AS BIGNUMERIC(38, 0)))) AS BIGNUMERIC(38, 0)) * CAST(0.01 AS BIGNUMERIC(38, 2)) AS BIGNUMERIC(38, 2)) END AS `forecast`
FROM grid
LEFT JOIN groups AS gr ON gr.gid = grid.gid
LEFT JOIN cells AS c ON c.gid = grid.gid AND c.p = grid.p
LEFT JOIN cells AS pc ON pc.gid = grid.gid AND pc.p = grid.p - 1
LEFT JOIN cells AS ac ON ac.gid = grid.gid AND ac.p = grid.ago
LEFT JOIN flow AS f ON f.gid = grid.gid AND f.p = grid.p
LEFT JOIN flow AS pf ON pf.gid = grid.gid AND pf.p = grid.p - 1
LEFT JOIN cycmed AS cm ON cm.gid = grid.gid AND cm.p = grid.p
LEFT JOIN tside AS tg ON tg.gid = grid.gid AND tg.period = grid.pk
LEFT JOIN sside AS sg ON sg.gid = grid.gid AND sg.period = grid.pk
