// Q7: the 10 largest flows overall (ties broken on every returned column).
MATCH (a:Nation)-[r:SUPPLIES]->(b:Nation)
RETURN a.id AS src, b.id AS dst, r.resource AS resource, r.year AS year, r.tonnes AS tonnes
ORDER BY tonnes DESC, src, dst, resource, year
LIMIT 10
