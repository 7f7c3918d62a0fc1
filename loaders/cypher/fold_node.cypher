// Fold the node $old into the node $new (created if absent, with $old's labels): every
// relationship of $old moves to $new, MERGEd on the loader's keys (type + ends + article id +
// evidence start; MENTIONS and PART_OF on type and ends), so one already there is not doubled and
// none is lost; a relationship between the two nodes is dropped, as resolve drops one whose ends
// became one. Then $old is deleted. Run in order, in one transaction.
MATCH (o:Entity {id: $old})
MERGE (n:Entity {id: $new})
ON CREATE SET n.name = o.name, n.aliases = [], n.titles = []
SET n:$(labels(o));
MATCH (o:Entity {id: $old})-[r]->(x) WHERE x.id <> $new AND r.article_id IS NOT NULL
MATCH (n:Entity {id: $new})
MERGE (n)-[s:$(type(r)) {article_id: r.article_id, start: r.start}]->(x)
SET s += properties(r);
MATCH (o:Entity {id: $old})-[r]->(x) WHERE x.id <> $new AND r.article_id IS NULL
MATCH (n:Entity {id: $new})
MERGE (n)-[s:$(type(r))]->(x)
SET s += properties(r);
MATCH (x)-[r]->(o:Entity {id: $old}) WHERE x.id <> $new AND r.article_id IS NOT NULL
MATCH (n:Entity {id: $new})
MERGE (x)-[s:$(type(r)) {article_id: r.article_id, start: r.start}]->(n)
SET s += properties(r);
MATCH (x)-[r]->(o:Entity {id: $old}) WHERE x.id <> $new AND r.article_id IS NULL
MATCH (n:Entity {id: $new})
MERGE (x)-[s:$(type(r))]->(n)
SET s += properties(r);
MATCH (o:Entity {id: $old}), (n:Entity {id: $new})
SET n.aliases = coalesce(n.aliases, []) + [a IN coalesce(o.aliases, []) + [o.name]
                                           WHERE a <> n.name AND NOT a IN coalesce(n.aliases, [])],
    n.titles = coalesce(n.titles, []) + [t IN coalesce(o.titles, []) WHERE NOT t IN coalesce(n.titles, [])],
    n.merged_from = CASE WHEN $merged THEN coalesce(n.merged_from, []) + [$old] ELSE n.merged_from END
DETACH DELETE o
