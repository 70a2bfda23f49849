-- Q1 in SQL (SQLite), served by the covering index supplies_q1.
SELECT src AS supplier, SUM(tonnes) AS tonnes
FROM supplies
WHERE dst = 'KOR' AND resource = 'REE' AND year = 2020
GROUP BY src
ORDER BY tonnes DESC, supplier
