// kg analyze: the parties of every agreement: SIGNED_AGREEMENT pairs and PARTY_TO an Agreement.
MATCH (x:Entity)-[r:SIGNED_AGREEMENT|PARTY_TO]->(y:Entity)
WITH x, r, y, [l IN labels(x) WHERE l IN ['Person', 'Organization', 'Place', 'Event', 'Agreement']][0] AS xt,
     [l IN labels(y) WHERE l IN ['Person', 'Organization', 'Place', 'Event', 'Agreement']][0] AS yt
RETURN x.id AS head, x.name AS head_name, coalesce(xt, 'Entity') AS head_type,
       y.id AS tail, y.name AS tail_name, coalesce(yt, 'Entity') AS tail_type,
       type(r) AS type, coalesce(r.date, '') AS date, coalesce(r.agreement, '') AS agreement
