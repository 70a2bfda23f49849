-- Q7 in SQL (SQLite): top 10 by tonnes (no index on tonnes: a scan with a top-k sort).
SELECT src, dst, resource, year, tonnes
FROM supplies
ORDER BY tonnes DESC, src, dst, resource, year
LIMIT 10
