// Questions a reader of "South Korea making Moves to Strengthen Rare Earth Element Supply Chain
// in Central Asia" would ask, answered from the sample graph in this directory.
// Run: silkgraph -f samples/central-asia-korea/questions.cypher samples/central-asia-korea
// Expected answers: tests/queries/sample_questions.test

// 1. Which countries supply rare earth elements to Korea? (each SUPPLIES row is one reported
//    share of Korea's REE imports; sources disagree, so count the reports and show the range)
MATCH (s:Nation)-[r:SUPPLIES]->(:Nation {id: 'KOR'})
WHERE r.resource_id = 'ree'
RETURN s.name AS supplier, count(r) AS reports, min(r.year) AS first_year,
       max(r.year) AS last_year, min(r.share_pct) AS lowest_share_pct,
       max(r.share_pct) AS highest_share_pct
ORDER BY highest_share_pct DESC, supplier;

// 2. ...and which countries offer rare earths to Korea? (an invitation naming rare earths, made
//    by someone holding an office of that country on the day of the invitation; validAt
//    checks the office's valid time, docs/time.md)
MATCH (l:Leader)-[i:INVITES]->(:Nation {id: 'KOR'}), (l)-[h:HOLDS_OFFICE]->(n:Nation)
WHERE 'rare earth metals' IN i.resources AND validAt(h, i.valid_from)
RETURN n.name AS country, l.name AS offered_by, h.title AS office, i.valid_from AS offered_on,
       i.resources AS resources
ORDER BY country, offered_by;

// 3. Which countries signed supply-chain agreements with Korea that name rare earths?
MATCH (:Nation {id: 'KOR'})-[m:SIGNED_MOU_WITH]-(n:Nation)
WHERE 'rare earths' IN m.minerals_named
RETURN n.name AS partner, m.valid_from AS signed_on, m.minerals_named AS minerals,
       m.confidence AS confidence
ORDER BY partner;

// 4. Who led Kazakhstan when it invited Korean companies in? (offices whose term covers the
//    date of the invitation)
MATCH (inviter:Leader)-[i:INVITES]->(:Nation {id: 'KOR'}),
      (inviter)-[:HOLDS_OFFICE]->(kaz:Nation {id: 'KAZ'})
WITH DISTINCT kaz, i.valid_from AS invited_on
MATCH (l:Leader)-[h:HOLDS_OFFICE]->(kaz)
WHERE validAt(h, invited_on)
RETURN invited_on, l.name AS leader, h.title AS office
ORDER BY invited_on, leader, office;

// 5. What did Kazakhstan invite Korean companies to do?
MATCH (:Leader {id: 'murat_nurtleu'})-[i:INVITES]->(:Nation {id: 'KOR'})
RETURN i.sector AS sector, i.scope AS invitation,
       i.capacity_target_mt_per_year AS target_mt_per_year, i.target_year AS target_year
ORDER BY sector;

// 6. Which countries does the Trans-Caspian International Transport Route pass through, in
//    order, and what capacity is it meant to reach?
MATCH (r:Route {id: 'titr'})-[p:PASSES_THROUGH]->(n:Nation)
OPTIONAL MATCH (r)-[t:HAS_CAPACITY_TARGET]->(:Resource)
RETURN p.order AS stop, n.name AS country, t.mt_per_year AS target_mt_per_year,
       t.target_year AS target_year
ORDER BY stop;

// 7. How much cargo has the route carried so far? (conflicting 2024 figures kept side by side)
MATCH (:Route {id: 'titr'})-[c:CARRIED]->(:Resource {id: 'freight_cargo'})
RETURN c.year AS year, c.period AS period, c.volume_mt AS million_tonnes,
       c.confidence AS confidence
ORDER BY c.valid_from, million_tonnes;

// 8. Which offices did Murat Nurtleu, Asein Isaev and Yoon Suk Yeol hold, and when?
MATCH (l:Leader)-[h:HOLDS_OFFICE]->(n:Nation)
WHERE l.id IN ['murat_nurtleu', 'asein_isaev', 'yoon_suk_yeol']
RETURN l.name AS person, n.id AS country, h.title AS office, h.valid_from AS since,
       h.valid_to AS until, h.as_of AS known_as_of
ORDER BY person, since, office;

// 9. Who headed each delegation at the 17th Central Asia-Republic of Korea Cooperation Forum?
MATCH (n:Nation)-[:ATTENDED]->(e:Event {id: 'forum_17_2024'}), (p:Leader)-[a:ATTENDED]->(e)
WHERE a.delegation = n.id
RETURN n.name AS country, p.name AS head_of_delegation, a.role AS role
ORDER BY country;

// 10. Where and when was the forum held, and which partnership areas did it discuss?
MATCH (e:Event {id: 'forum_17_2024'})-[:HELD_IN]->(host:Nation),
      (e)-[t:HAS_TOPIC]->(:Resource {id: 'critical_minerals'})
UNWIND t.all_topics AS topic
RETURN e.city AS city, host.name AS host, e.date AS held_on, topic
ORDER BY topic;

// 11. Who pursues or backs Korea's K-Silk Road initiative, and at which region is it aimed?
MATCH (a)-[r:PURSUES|ENDORSED]->(k:Initiative {id: 'k_silk_road'})
OPTIONAL MATCH (k)-[:TARGETS]->(target:Region)
RETURN a.name AS actor, type(r) AS stance, r.valid_from AS since, target.name AS aimed_at
ORDER BY since, actor;

// 12. Which resources count as critical minerals, directly or through rare earths?
MATCH (r:Resource)-[steps:IS_A*1..3]->(:Resource {id: 'critical_minerals'})
RETURN r.name AS resource, size(steps) AS hops
ORDER BY hops, resource;

// 13. Who mined the most rare earths in 2023 (USGS), and how large are their reserves?
MATCH (n:Nation)-[p:PRODUCES]->(ree:Resource {id: 'ree'})
WHERE p.year = 2023
OPTIONAL MATCH (n)-[r:HAS_RESERVES]->(ree) WHERE r.year = 2023
RETURN n.name AS country, toInteger(p.tonnes) AS production_t, toInteger(r.tonnes) AS reserves_t
ORDER BY production_t DESC, country
LIMIT 5;

// 14. How has China's rare-earth mine production grown? (newest USGS edition for each year)
MATCH (:Nation {id: 'CHN'})-[p:PRODUCES]->(:Resource {id: 'ree'})
RETURN p.year AS year, toInteger(p.tonnes) AS tonnes_reo, p.edition AS usgs_edition,
       p.estimated AS estimated
ORDER BY year;

// 15. Which Central Asian countries border China, and how long are those borders?
MATCH (n:Nation)-[:PART_OF]->(:Region {id: 'central_asia'}), (n)-[b:BORDERS]-(:Nation {id: 'CHN'})
RETURN n.name AS country, b.length_km AS border_km
ORDER BY border_km DESC;

// 16. Which organizations count all five Central Asian states as full members, and are China
//     or Korea in them too?
MATCH (n:Nation)-[m:MEMBER_OF]->(o:Organization), (n)-[:PART_OF]->(:Region {id: 'central_asia'})
WHERE m.qualifier IS NULL
WITH o, count(DISTINCT n) AS members
WHERE members = 5
OPTIONAL MATCH (x:Nation)-[mx:MEMBER_OF]->(o) WHERE x.id IN ['CHN', 'KOR']
RETURN o.name AS organization, x.name AS also_member, mx.qualifier AS qualifier
ORDER BY organization, also_member;

// 17. Korea was invited into a nuclear-plant consortium: which companies competed for
//     Kazakhstan's first nuclear power plant, and where are they based?
MATCH (c:Company)-[r:BID_FOR|LEADS]->(:Project {id: 'kaz_npp_ulken'})
OPTIONAL MATCH (c)-[:BASED_IN]->(home:Nation)
RETURN c.name AS company, home.name AS based_in, type(r) AS part,
       coalesce(r.result, r.role) AS outcome
ORDER BY company;

// 18. Who held Korea's and Kazakhstan's offices on the day of the forum? (resolve finds a node
//     by any of its names; validAt keeps the offices that held on that day, as running the
//     MATCH alone with --as-of 2024-11-04 would: docs/time.md)
MATCH (l:Leader)-[h:HOLDS_OFFICE]->(n:Nation)
WHERE n IN [resolve('Korea'), resolve('Kazakhstan')] AND validAt(h, date('2024-11-04'))
RETURN n.name AS country, l.name AS person, h.title AS office
ORDER BY country, office;
