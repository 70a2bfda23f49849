// Q5: point lookup by id with its neighbours (China and the nations it borders).
MATCH (n:Nation {id: 'CHN'})-[:BORDERS]->(m:Nation)
RETURN n.name AS name, m.id AS neighbour, m.name AS neighbour_name
ORDER BY neighbour
