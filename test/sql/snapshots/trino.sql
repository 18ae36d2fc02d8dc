-- identifier with a quote
"Sales ""Q1""";

-- string with a quote and a backslash
'O''Brien \ 销售';

-- date literal
DATE '2026-01-05';

-- exact sum at 2 decimals
CAST(SUM(CAST("amount" AS DECIMAL(38, 2))) AS DECIMAL(38, 2));

-- round half away from zero
CAST(ROUND("amount", 2) AS DECIMAL(38, 2));

-- days between
(date_diff('day', DATE '1970-01-01', "date") - date_diff('day', DATE '1970-01-01', "created_date"));

-- count distinct
COUNT(DISTINCT "deal_id");

-- median
(none: medianQuery);

-- median by window functions
SELECT "g0", CASE WHEN MOD(MAX("n"), 2) = 1 THEN MIN("v") + MIN("v") ELSE MIN("v") + MAX("v") END AS "twice" FROM (SELECT "g0", "v", ROW_NUMBER() OVER (PARTITION BY "g0" ORDER BY "v") AS "rn", COUNT(*) OVER (PARTITION BY "g0") AS "n" FROM (SELECT "rep" AS "g0", "cycle_days" AS "v" FROM "sales" WHERE "cycle_days" IS NOT NULL) AS "m0") AS "m1" WHERE "rn" IN ((("n" + 1) / 2), (("n" + 2) / 2)) GROUP BY "g0";

-- spine
SELECT p FROM (SELECT s.g AS "p" FROM UNNEST(sequence(CAST(24300 AS BIGINT), CAST(24311 AS BIGINT))) AS s(g)) AS s;

-- order and limit
ORDER BY "rep" ASC NULLS LAST, revenue DESC NULLS FIRST LIMIT 10;

-- month: ordinal
(CAST(EXTRACT(YEAR FROM "date") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "date") AS BIGINT) - 1 + 0);

-- month: key
(CAST(((((p) - 0)) / 12) AS VARCHAR) || '-' || LPAD(CAST(((p) - 0) - 12 * ((((p) - 0)) / 12) + 1 AS VARCHAR), 2, '0'));

-- fiscal quarter (April): ordinal
(((CAST(EXTRACT(YEAR FROM "date") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "date") AS BIGINT) - 1 + 9)) / 3);

-- fiscal quarter (April): key
('FY' || CAST(((p) / 4) AS VARCHAR) || '-Q' || CAST((p) - 4 * ((p) / 4) + 1 AS VARCHAR));

-- fiscal year (July): ordinal
(((CAST(EXTRACT(YEAR FROM "date") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM "date") AS BIGINT) - 1 + 6)) / 12);

-- fiscal year (July): key
('FY' || CAST(p AS VARCHAR));

-- ISO week: ordinal
(((date_diff('day', DATE '1970-01-01', "date") + 728003) / 7) - 104000);

-- ISO week: key
(CAST(CAST(EXTRACT(YEAR FROM date_add('day', CAST((p) * 7 AS BIGINT), DATE '1970-01-01')) AS BIGINT) AS VARCHAR) || '-W' || LPAD(CAST(((CAST(day_of_year(date_add('day', CAST((p) * 7 AS BIGINT), DATE '1970-01-01')) AS BIGINT) - 1) / 7) + 1 AS VARCHAR), 2, '0'));
