// Tiny query file for the end-to-end tests (data: tests/e2e/data).

// Which nations border Kazakhstan, and how long is each border?
MATCH (:Nation {id: 'KAZ'})-[b:BORDERS]-(n:Nation)
RETURN n.name AS neighbour, b.length_km AS km
ORDER BY km DESC;

/* Who held which office, and since when? */
MATCH (l:Leader)-[h:HOLDS_OFFICE]->(n:Nation)
RETURN l.name AS leader, n.name AS nation, h.title AS office, h.valid_from AS since
ORDER BY since;
