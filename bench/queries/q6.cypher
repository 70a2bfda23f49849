// Q6: a 3-hop pattern with filters on each hop: REE chains ending in KOR, one year apart.
MATCH (a:Nation {id: 'KOR'})<-[r1:SUPPLIES]-(b:Nation)<-[r2:SUPPLIES]-(c:Nation)<-[r3:SUPPLIES]-(d:Nation)
WHERE r1.resource = 'REE' AND r1.year = 2020
  AND r2.resource = 'REE' AND r2.year = 2019 AND r2.tonnes > 100000
  AND r3.resource = 'REE' AND r3.year = 2018 AND r3.tonnes > 1000000
RETURN count(*) AS paths, count(DISTINCT d) AS origins
