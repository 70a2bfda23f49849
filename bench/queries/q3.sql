-- Q3 in SQL (SQLite): a full scan with grouping.
SELECT resource, SUM(tonnes) AS total
FROM supplies
GROUP BY resource
ORDER BY total DESC, resource
LIMIT 10
