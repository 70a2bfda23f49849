-- Q8 in SQL (SQLite): LEFT JOIN keeps nations without suppliers (count 0).
SELECT n.id AS nation, COUNT(DISTINCT s.src) AS suppliers
FROM nation n
LEFT JOIN supplies s ON s.dst = n.id
GROUP BY n.id
ORDER BY nation
