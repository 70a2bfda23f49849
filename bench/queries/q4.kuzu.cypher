// Q4 for Kuzu. Rewrite: Kuzu writes a shortest path as a recursive relationship with the
// SHORTEST keyword and a lower bound, and maps a list with list_transform.
MATCH p = (a:Nation {id: 'KOR'})-[:SUPPLIES* SHORTEST 1..8]->(b:Nation {id: 'TKL'})
RETURN list_transform(nodes(p), n -> n.id) AS path, length(p) AS hops
