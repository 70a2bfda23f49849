// Q3: top 10 resources by total tonnes over all SUPPLIES relationships.
MATCH ()-[r:SUPPLIES]->()
RETURN r.resource AS resource, sum(r.tonnes) AS total
ORDER BY total DESC, resource
LIMIT 10
