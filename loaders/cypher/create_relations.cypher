// Relations of articles new to the database (identity includes the article id, so none exist yet).
// The type is a parameter (dynamic types, Neo4j 5.26): one statement to plan for all types, and
// the writer only sends types from kg.model.RELATION_TYPES.
UNWIND $rows AS row
MATCH (h:Entity {id: row.head})
MATCH (t:Entity {id: row.tail})
CREATE (h)-[r:$(row.type) {article_id: row.article_id, start: row.start}]->(t)
SET r += row.properties,
    r.end = row.end,
    r.sentence = row.sentence,
    r.date = row.date
