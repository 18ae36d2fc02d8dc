-- identifier with a quote
`Sales "Q1"`;

-- string with a quote and a backslash
'O\'Brien \\ 销售';

-- date literal
DATE '2026-01-05';

-- exact sum at 2 decimals
CAST(SUM(CAST(`amount` AS BIGNUMERIC(38, 2))) AS BIGNUMERIC(38, 2));

-- round half away from zero
CAST(ROUND(`amount`, 2) AS BIGNUMERIC(38, 2));

-- days between
(UNIX_DATE(`date`) - UNIX_DATE(`created_date`));

-- count distinct
COUNT(DISTINCT `deal_id`);

-- median
(none: medianQuery);

-- median by window functions
SELECT `g0`, CASE WHEN MOD(MAX(`n`), 2) = 1 THEN MIN(`v`) + MIN(`v`) ELSE MIN(`v`) + MAX(`v`) END AS `twice` FROM (SELECT `g0`, `v`, ROW_NUMBER() OVER (PARTITION BY `g0` ORDER BY `v`) AS `rn`, COUNT(*) OVER (PARTITION BY `g0`) AS `n` FROM (SELECT `rep` AS `g0`, `cycle_days` AS `v` FROM `sales` WHERE `cycle_days` IS NOT NULL) AS `m0`) AS `m1` WHERE `rn` IN (DIV(`n` + 1, 2), DIV(`n` + 2, 2)) GROUP BY `g0`;

-- spine
SELECT p FROM (SELECT g AS `p` FROM UNNEST(GENERATE_ARRAY(24300, 24311)) AS g) AS s;

-- order and limit
ORDER BY `rep` ASC NULLS LAST, revenue DESC NULLS FIRST LIMIT 10;

-- month: ordinal
(CAST(EXTRACT(YEAR FROM `date`) AS INT64) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS INT64) - 1 + 0);

-- month: key
(CAST(DIV(((p) - 0), 12) AS STRING) || '-' || LPAD(CAST(((p) - 0) - 12 * DIV(((p) - 0), 12) + 1 AS STRING), 2, '0'));

-- fiscal quarter (April): ordinal
DIV((CAST(EXTRACT(YEAR FROM `date`) AS INT64) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS INT64) - 1 + 9), 3);

-- fiscal quarter (April): key
('FY' || CAST(DIV(p, 4) AS STRING) || '-Q' || CAST((p) - 4 * DIV(p, 4) + 1 AS STRING));

-- fiscal year (July): ordinal
DIV((CAST(EXTRACT(YEAR FROM `date`) AS INT64) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS INT64) - 1 + 6), 12);

-- fiscal year (July): key
('FY' || CAST(p AS STRING));

-- ISO week: ordinal
(DIV(UNIX_DATE(`date`) + 728003, 7) - 104000);

-- ISO week: key
(CAST(CAST(EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE((p) * 7)) AS INT64) AS STRING) || '-W' || LPAD(CAST(DIV(EXTRACT(DAYOFYEAR FROM DATE_FROM_UNIX_DATE((p) * 7)) - 1, 7) + 1 AS STRING), 2, '0'));
