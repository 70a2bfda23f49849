// Q4: shortest SUPPLIES path between two nations five hops apart (the generator plants the
// only route KOR -> NRU -> TUV -> PLW -> NIU -> TKL).
MATCH p = shortestPath((a:Nation {id: 'KOR'})-[:SUPPLIES*..8]->(b:Nation {id: 'TKL'}))
RETURN [n IN nodes(p) | n.id] AS path, length(p) AS hops
