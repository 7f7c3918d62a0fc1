// Relations of articles new to the database (identity includes the article id, so none exist yet);
// __TYPE__ is replaced only by a name from kg.model.RELATION_TYPES.
UNWIND $rows AS row
MATCH (h:Entity {id: row.head})
MATCH (t:Entity {id: row.tail})
CREATE (h)-[r:__TYPE__ {article_id: row.article_id, start: row.start}]->(t)
SET r += row.properties,
    r.end = row.end,
    r.sentence = row.sentence,
    r.date = row.date
