// Q2: distinct nations reachable from KOR in exactly two SUPPLIES hops.
MATCH (k:Nation {id: 'KOR'})-[:SUPPLIES]->(:Nation)-[:SUPPLIES]->(c:Nation)
RETURN count(DISTINCT c) AS reach
