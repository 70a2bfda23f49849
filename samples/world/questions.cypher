// Questions an analyst asks of the world graph (samples/world/README.md). Build it first:
//   make world
//   build/silkgraph -f samples/world/questions.cypher samples/world/world.sg
// tests/e2e/test_world_sample.py checks every answer against the source files.

// Q1: the largest lithium producers in 2023 (USGS MCS 2024) and their share of world output
MATCH (:Aggregate {id: 'world_total'})-[w:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r:Resource {id: 'lithium'})
MATCH (n:Nation)-[p:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r)
WHERE p.amount IS NOT NULL
RETURN n.id AS nation, n.name AS name, p.amount AS tonnes, round(100.0 * p.amount / w.amount, 1) AS world_share_pct
ORDER BY tonnes DESC LIMIT 3;

// Q2: the same for cobalt
MATCH (:Aggregate {id: 'world_total'})-[w:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r:Resource {id: 'cobalt'})
MATCH (n:Nation)-[p:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r)
WHERE p.amount IS NOT NULL
RETURN n.id AS nation, n.name AS name, p.amount AS tonnes, round(100.0 * p.amount / w.amount, 1) AS world_share_pct
ORDER BY tonnes DESC LIMIT 3;

// Q3: the same for rare earths (rare-earth-oxide equivalent)
MATCH (:Aggregate {id: 'world_total'})-[w:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r:Resource {id: 'rare_earths'})
MATCH (n:Nation)-[p:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r)
WHERE p.amount IS NOT NULL
RETURN n.id AS nation, n.name AS name, p.amount AS tonnes, round(100.0 * p.amount / w.amount, 1) AS world_share_pct
ORDER BY tonnes DESC LIMIT 3;

// Q4: how each edition gave China's 2021 rare-earth production
MATCH (:Nation {id: 'CHN'})-[p:PRODUCES {year: 2021}]->(:Resource {id: 'rare_earths'})
RETURN p.edition AS edition, p.amount AS tonnes, p.estimated AS estimated, p.latest AS latest
ORDER BY edition;

// Q5: China's share of the world's rare-earth reserves (as of 2023)
MATCH (:Aggregate {id: 'world_total'})-[w:HAS_RESERVES {edition: 'MCS2024'}]->(r:Resource {id: 'rare_earths'})
MATCH (:Nation {id: 'CHN'})-[c:HAS_RESERVES {edition: 'MCS2024'}]->(r)
RETURN c.amount AS china_tonnes, w.amount AS world_tonnes, round(100.0 * c.amount / w.amount, 1) AS share_pct;

// Q6: Kazakhstan's land neighbours
MATCH (:Nation {id: 'KAZ'})-[:BORDERS]-(n:Nation)
RETURN n.id AS nation ORDER BY nation;

// Q7: the nations of Central Asia (countries.json subregion)
MATCH (n:Nation)-[:PART_OF]->(:Region {id: 'central_asia'})
RETURN n.id AS nation ORDER BY nation;

// Q8: which Central Asian nations produce a commodity USGS reports for 2023, and which
MATCH (n:Nation)-[:PART_OF]->(:Region {id: 'central_asia'})
MATCH (n)-[p:PRODUCES {year: 2023, edition: 'MCS2024'}]->(r:Resource)
RETURN n.id AS nation, count(DISTINCT r) AS commodities ORDER BY nation;

// Q9: the organizations Kazakhstan and South Korea both take part in (CIA World Factbook)
MATCH (:Nation {id: 'KAZ'})-[:MEMBER_OF]->(o:Organization)<-[:MEMBER_OF]-(:Nation {id: 'KOR'})
RETURN o.name AS organization ORDER BY organization;

// Q10: Kazakhstan's largest export partners (share of its goods exports, CIA World Factbook)
MATCH (:Nation {id: 'KAZ'})-[e:EXPORTS_TO]->(p:Nation)
RETURN p.id AS partner, e.share_pct AS share_pct, e.year AS year ORDER BY share_pct DESC, partner;

// Q11: the countries with the most GDELT events with South Korea in the export, and of which kind
MATCH (:Nation {id: 'KOR'})-[e:GDELT_EVENT]-(n:Nation)
WHERE n.id <> 'KOR'
RETURN n.id AS nation, e.cameo_root_name AS kind, count(*) AS events
ORDER BY events DESC, nation, kind;

// Q12: the organizations all five Central Asian nations take part in (CIA World Factbook)
MATCH (n:Nation)-[:PART_OF]->(:Region {id: 'central_asia'})
MATCH (n)-[:MEMBER_OF]->(o:Organization)
WITH o, count(DISTINCT n) AS nations
WHERE nations = 5
RETURN o.name AS organization ORDER BY organization;

// Q13: the GDELT events between two countries in the export, by kind (CAMEO root)
MATCH (:Nation)-[e:GDELT_EVENT]->(:Nation)
RETURN e.cameo_root AS root, e.cameo_root_name AS kind, count(*) AS events ORDER BY root;

// Q14: the pairs of countries with the most GDELT events in the export, and how cooperative they were (mean Goldstein score, -10 to +10)
MATCH (a:Nation)-[e:GDELT_EVENT]-(b:Nation)
WHERE a.id < b.id
RETURN a.id AS nation1, b.id AS nation2, count(*) AS events, avg(e.goldstein) AS mean_goldstein
ORDER BY events DESC, nation1, nation2 LIMIT 10;

// Q15: who acted on or with the Central Asian nations in the GDELT export, and how
MATCH (c:Nation)-[:PART_OF]->(:Region {id: 'central_asia'})
MATCH (c)-[e:GDELT_EVENT]-(n:Nation)
RETURN c.id AS central_asian, n.id AS other, e.cameo_root_name AS kind, count(*) AS events
ORDER BY central_asian, events DESC, other, kind;

// Q16: how each edition gave Myanmar's (USGS: Burma) 2022 rare-earth production
MATCH (:Nation {id: 'MMR'})-[p:PRODUCES {year: 2022}]->(:Resource {id: 'rare_earths'})
RETURN p.edition AS edition, p.amount AS tonnes, p.estimated AS estimated, p.latest AS latest
ORDER BY edition;

// Q17: South Korea's largest import partners (share of its goods imports, CIA World Factbook)
MATCH (:Nation {id: 'KOR'})-[i:IMPORTS_FROM]->(p:Nation)
RETURN p.id AS partner, i.share_pct AS share_pct, i.year AS year ORDER BY share_pct DESC, partner;

// Q18: Uzbekistan's neighbours, and which of them are landlocked too (countries.json)
MATCH (:Nation {id: 'UZB'})-[:BORDERS]-(n:Nation)
RETURN n.id AS neighbour, n.landlocked AS landlocked ORDER BY neighbour;

// Q19: each Central Asian nation's largest export partner and the partner's region (Factbook, countries.json)
MATCH (c:Nation)-[:PART_OF]->(:Region {id: 'central_asia'})
MATCH (c)-[e:EXPORTS_TO]->(p:Nation)
WITH c, max(e.share_pct) AS top
MATCH (c)-[e:EXPORTS_TO]->(p:Nation)
WHERE e.share_pct = top
RETURN c.id AS nation, p.id AS partner, e.share_pct AS share_pct, p.region AS partner_region
ORDER BY nation, partner;

// Q20: China's neighbours that take part in the Shanghai Cooperation Organization (countries.json, Factbook)
MATCH (:Nation {id: 'CHN'})-[:BORDERS]-(n:Nation)-[m:MEMBER_OF]->(:Organization {name: 'SCO'})
RETURN n.id AS neighbour, m.qualifier AS qualifier ORDER BY neighbour;

// Q21: the land borders of the Central Asian nations and their lengths (countries.json, Factbook)
MATCH (c:Nation)-[:PART_OF]->(:Region {id: 'central_asia'})
MATCH (c)-[b:BORDERS]-(n:Nation)
RETURN c.id AS nation, n.id AS neighbour, b.length_km AS km
ORDER BY nation, neighbour;

// Q22: who headed each delegation at the 17th Central Asia - Korea Cooperation Forum (fact table)
MATCH (n:Nation)-[a:ATTENDED]->(e:Event {id: 'forum_17_2024'})
MATCH (l:Leader)-[r:ATTENDED]->(e)
WHERE l.id = a.head_of_delegation
RETURN n.id AS nation, l.name AS head, r.role AS role, a.fact_id AS fact
ORDER BY nation;
