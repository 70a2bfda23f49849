// Q1: suppliers of rare earths (REE) to South Korea in 2020 with their summed tonnes, ordered.
MATCH (s:Nation)-[r:SUPPLIES]->(k:Nation {id: 'KOR'})
WHERE r.resource = 'REE' AND r.year = 2020
RETURN s.id AS supplier, sum(r.tonnes) AS tonnes
ORDER BY tonnes DESC, supplier
