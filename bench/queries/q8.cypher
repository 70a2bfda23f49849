// Q8: the number of distinct suppliers per nation (Antarctica has none).
MATCH (n:Nation)
OPTIONAL MATCH (s:Nation)-[:SUPPLIES]->(n)
RETURN n.id AS nation, count(DISTINCT s) AS suppliers
ORDER BY nation
