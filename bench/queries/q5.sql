-- Q5 in SQL (SQLite): primary-key lookup plus the borders index.
SELECT n.name AS name, m.id AS neighbour, m.name AS neighbour_name
FROM nation n
JOIN borders b ON b.src = n.id
JOIN nation m ON m.id = b.dst
WHERE n.id = 'CHN'
ORDER BY neighbour
