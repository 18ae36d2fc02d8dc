-- identifier with a quote
"Sales ""Q1""";

-- string with a quote and a backslash
'O''Brien \ 销售';

-- date literal
DATE '2026-01-05';

-- exact sum at 2 decimals
CAST(SUM(CAST("amount" AS NUMBER(38, 2))) AS NUMBER(38, 2));

-- round half away from zero
CAST(ROUND("amount", 2, 'HALF_AWAY_FROM_ZERO') AS NUMBER(38, 2));

-- days between
(DATEDIFF(day, DATE '1970-01-01', "date") - DATEDIFF(day, DATE '1970-01-01', "created_date"));

-- count distinct
COUNT(DISTINCT "deal_id");

-- median
MEDIAN("cycle_days");

-- median by window functions
SELECT "g0", CASE WHEN MOD(MAX("n"), 2) = 1 THEN MIN("v") + MIN("v") ELSE MIN("v") + MAX("v") END AS "twice" FROM (SELECT "g0", "v", ROW_NUMBER() OVER (PARTITION BY "g0" ORDER BY "v") AS "rn", COUNT(*) OVER (PARTITION BY "g0") AS "n" FROM (SELECT "rep" AS "g0", "cycle_days" AS "v" FROM "sales" WHERE "cycle_days" IS NOT NULL) AS "m0") AS "m1" WHERE "rn" IN (FLOOR(("n" + 1) / 2), FLOOR(("n" + 2) / 2)) GROUP BY "g0";

-- spine
SELECT p FROM (SELECT CAST(f.value AS BIGINT) AS "p" FROM TABLE(FLATTEN(ARRAY_GENERATE_RANGE(24300, 24311 + 1))) AS f) AS s;

-- order and limit
ORDER BY "rep" ASC NULLS LAST, revenue DESC NULLS FIRST LIMIT 10;

-- month: ordinal
(CAST(EXTRACT(YEAR FROM "date") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "date") AS BIGINT) - 1 + 0);

-- month: key
(CAST(FLOOR((((p) - 0)) / 12) AS VARCHAR) || '-' || LPAD(CAST(((p) - 0) - 12 * FLOOR((((p) - 0)) / 12) + 1 AS VARCHAR), 2, '0'));

-- fiscal quarter (April): ordinal
FLOOR(((CAST(EXTRACT(YEAR FROM "date") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "date") AS BIGINT) - 1 + 9)) / 3);

-- fiscal quarter (April): key
('FY' || CAST(FLOOR((p) / 4) AS VARCHAR) || '-Q' || CAST((p) - 4 * FLOOR((p) / 4) + 1 AS VARCHAR));

-- fiscal year (July): ordinal
FLOOR(((CAST(EXTRACT(YEAR FROM "date") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "date") AS BIGINT) - 1 + 6)) / 12);

-- fiscal year (July): key
('FY' || CAST(p AS VARCHAR));

-- ISO week: ordinal
(FLOOR((DATEDIFF(day, DATE '1970-01-01', "date") + 728003) / 7) - 104000);

-- ISO week: key
(CAST(CAST(EXTRACT(YEAR FROM DATEADD(day, (p) * 7, DATE '1970-01-01')) AS BIGINT) AS VARCHAR) || '-W' || LPAD(CAST(FLOOR((DAYOFYEAR(DATEADD(day, (p) * 7, DATE '1970-01-01')) - 1) / 7) + 1 AS VARCHAR), 2, '0'));
