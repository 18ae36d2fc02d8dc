-- identifier with a quote
`Sales "Q1"`;

-- string with a quote and a backslash
'O\'Brien \\ 销售';

-- date literal
DATE '2026-01-05';

-- exact sum at 2 decimals
CAST(SUM(CAST(`amount` AS DECIMAL(38, 2))) AS DECIMAL(38, 2));

-- round half away from zero
CAST(ROUND(`amount`, 2) AS DECIMAL(38, 2));

-- days between
(unix_date(`date`) - unix_date(`created_date`));

-- count distinct
COUNT(DISTINCT `deal_id`);

-- median
percentile(`cycle_days`, 0.5);

-- median by window functions
SELECT `g0`, CASE WHEN MOD(MAX(`n`), 2) = 1 THEN MIN(`v`) + MIN(`v`) ELSE MIN(`v`) + MAX(`v`) END AS `twice` FROM (SELECT `g0`, `v`, ROW_NUMBER() OVER (PARTITION BY `g0` ORDER BY `v`) AS `rn`, COUNT(*) OVER (PARTITION BY `g0`) AS `n` FROM (SELECT `rep` AS `g0`, `cycle_days` AS `v` FROM `sales` WHERE `cycle_days` IS NOT NULL) AS `m0`) AS `m1` WHERE `rn` IN (((`n` + 1) div 2), ((`n` + 2) div 2)) GROUP BY `g0`;

-- spine
SELECT p FROM (SELECT explode(sequence(CAST(24300 AS BIGINT), CAST(24311 AS BIGINT))) AS `p`) AS s;

-- order and limit
ORDER BY `rep` ASC NULLS LAST, revenue DESC NULLS FIRST LIMIT 10;

-- month: ordinal
(CAST(EXTRACT(YEAR FROM `date`) AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS BIGINT) - 1 + 0);

-- month: key
(CAST(((((p) - 0)) div 12) AS STRING) || '-' || LPAD(CAST(((p) - 0) - 12 * ((((p) - 0)) div 12) + 1 AS STRING), 2, '0'));

-- fiscal quarter (April): ordinal
(((CAST(EXTRACT(YEAR FROM `date`) AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS BIGINT) - 1 + 9)) div 3);

-- fiscal quarter (April): key
('FY' || CAST(((p) div 4) AS STRING) || '-Q' || CAST((p) - 4 * ((p) div 4) + 1 AS STRING));

-- fiscal year (July): ordinal
(((CAST(EXTRACT(YEAR FROM `date`) AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM `date`) AS BIGINT) - 1 + 6)) div 12);

-- fiscal year (July): key
('FY' || CAST(p AS STRING));

-- ISO week: ordinal
(((unix_date(`date`) + 728003) div 7) - 104000);

-- ISO week: key
(CAST(CAST(EXTRACT(YEAR FROM date_from_unix_date(CAST((p) * 7 AS INT))) AS BIGINT) AS STRING) || '-W' || LPAD(CAST(((CAST(dayofyear(date_from_unix_date(CAST((p) * 7 AS INT))) AS BIGINT) - 1) div 7) + 1 AS STRING), 2, '0'));
